import type { AgencyType } from '../dto/agency.dto';

/** Each kind of agency as an admin reads it. */
export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  school: 'School',
  health: 'Health',
  police: 'Police',
  childrens_centre: 'Children’s centre',
  youth_service: 'Youth service',
  voluntary: 'Voluntary organisation',
  social_care: 'Children’s social care',
  housing: 'Housing',
  other: 'Other',
};
