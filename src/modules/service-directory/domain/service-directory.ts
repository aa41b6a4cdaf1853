/**
 * The authority's service directory (config/services.yaml; docs/domain.md#services-on-the-action-plan):
 * the services an action-plan item may name, each with the type of agency that runs it.
 */
export const SERVICE_AGENCY_TYPES = [
  'school',
  'health',
  'police',
  'childrens_centre',
  'youth_service',
  'voluntary',
  'social_care',
  'housing',
  'other',
] as const;

export interface DirectoryService {
  code: string;
  name: string;
  agencyType: (typeof SERVICE_AGENCY_TYPES)[number];
}

export class ServiceDirectoryError extends Error {}

const CODE = /^[a-z0-9][a-z0-9_]{0,79}$/;

/** The directory from the parsed YAML document; ServiceDirectoryError naming the place otherwise. */
export function parseServiceDirectory(document: unknown): DirectoryService[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ServiceDirectoryError('the file must be a mapping with a services list');
  }
  const root = document as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (key !== 'services') throw new ServiceDirectoryError(`${key} is not a known key`);
  }
  const list = root['services'];
  if (!Array.isArray(list)) throw new ServiceDirectoryError('services must be a list');
  const seen = new Set<string>();
  return list.map((raw, i): DirectoryService => {
    const at = `services[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ServiceDirectoryError(`${at} must be a mapping`);
    }
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!['code', 'name', 'agencyType'].includes(key)) {
        throw new ServiceDirectoryError(`${at}.${key} is not a known key`);
      }
    }
    const { code, name, agencyType } = entry;
    if (typeof code !== 'string' || !CODE.test(code)) {
      throw new ServiceDirectoryError(`${at}.code must be lower-case letters, digits and _`);
    }
    if (seen.has(code)) throw new ServiceDirectoryError(`${at}.code ${code} is used twice`);
    seen.add(code);
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
      throw new ServiceDirectoryError(
        `${at}.name must be a non-empty text of at most 200 characters`,
      );
    }
    if (
      typeof agencyType !== 'string' ||
      !(SERVICE_AGENCY_TYPES as readonly string[]).includes(agencyType)
    ) {
      throw new ServiceDirectoryError(
        `${at}.agencyType must be one of ${SERVICE_AGENCY_TYPES.join(', ')}`,
      );
    }
    return { code, name, agencyType: agencyType as DirectoryService['agencyType'] };
  });
}
