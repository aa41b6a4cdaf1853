import { londonDate } from '../../../common/domain/london-time';
import { DateParts, datePartsFrom, parseDateInput } from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormFields } from '../../../web/forms/service-errors';
import { GENDERS } from '../dto/child.dto';
import { DISABILITIES, ETHNICITIES } from '../domain/dfe-codes';

/** The "Register a child" form's answers as typed (kept when the form is shown again). */
export interface ChildFormValues {
  givenName: string;
  familyName: string;
  dateOfBirth: DateParts;
  gender: string;
  localityId: string;
  postcode: string;
  ethnicity: string;
  disability: string;
  /** The DfE disability codes ticked. */
  disabilities: string[];
  nhsNumber: string;
  upn: string;
  siblingOfChildId: string;
}

export const GENDER_ITEMS: { value: (typeof GENDERS)[number]; text: string }[] = [
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'other', text: 'Other' },
  { value: 'unknown', text: 'Not known' },
];

/** The API's fields as the form shows them, in the form's order (the error summary's order). */
export const CHILD_FIELDS: FormFields = {
  givenName: { id: 'givenName', label: 'the child’s first name' },
  familyName: { id: 'familyName', label: 'the child’s last name' },
  dateOfBirth: { id: 'dateOfBirth-day', label: 'date of birth' },
  gender: {
    id: 'gender',
    label: 'the child’s gender',
    // Radios are selected, not entered (the design system's words).
    messages: {
      'is required': 'Select the child’s gender',
      'must be one of': 'Select the child’s gender',
    },
  },
  localityId: {
    id: 'localityId',
    label: 'the locality',
    messages: { 'must be a UUID': 'Select the locality' },
  },
  postcode: {
    id: 'postcode',
    label: 'postcode',
    messages: { 'must be a UK postcode': 'Enter a real postcode, like LS1 4AP' },
  },
  ethnicity: {
    id: 'ethnicity',
    label: 'ethnicity',
    messages: { 'must be one of': 'Select the child’s ethnicity from the list' },
  },
  disability: {
    id: 'disability',
    label: 'whether the child has a disability',
    messages: {
      'so disability must be':
        'Answer “No” to a disability only when no disability is ticked below it',
    },
  },
  disabilities: {
    id: 'disabilities',
    label: 'the child’s disabilities',
    messages: {
      'must be one of': 'Select the child’s disabilities from the list',
      'so disability must be':
        'Answer “No” to a disability only when no disability is ticked below it',
    },
  },
  nhsNumber: {
    id: 'nhsNumber',
    label: 'NHS number',
    messages: { 'must be 10 digits': 'Enter a real NHS number: 10 digits, like 943 476 5919' },
  },
  upn: {
    id: 'upn',
    label: 'unique pupil number',
    messages: {
      'must be a 13-character': 'Enter a real unique pupil number: a letter and 12 digits',
    },
  },
  siblingOfChildId: { id: 'givenName', label: 'the brother or sister' },
};

const MAX_NAME = 100;

/** The ethnicity select: the DfE census categories by their names, grouped as the DfE groups them. */
export function ethnicityItems(
  selected: string,
): { value: string; text: string; selected: boolean }[] {
  return [
    { value: '', text: 'Not recorded yet', selected: selected === '' },
    ...ETHNICITIES.map((e) => ({
      value: e.code,
      text: `${e.group}: ${e.name}`,
      selected: e.code === selected,
    })),
  ];
}

/** The disability checkboxes: every DfE code but NONE, which the "No" answer says. */
export function disabilityCodeItems(
  ticked: readonly string[],
): { value: string; text: string; checked: boolean }[] {
  return DISABILITIES.filter((d) => d.code !== 'NONE').map((d) => ({
    value: d.code,
    text: d.name,
    checked: ticked.includes(d.code),
  }));
}

function list(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, 20);
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function emptyChildForm(): ChildFormValues {
  return {
    givenName: '',
    familyName: '',
    dateOfBirth: { day: '', month: '', year: '' },
    gender: '',
    localityId: '',
    postcode: '',
    ethnicity: '',
    disability: '',
    disabilities: [],
    nhsNumber: '',
    upn: '',
    siblingOfChildId: '',
  };
}

export function childFormFrom(body: Record<string, unknown>): ChildFormValues {
  return {
    givenName: text(body, 'givenName').slice(0, MAX_NAME * 2),
    familyName: text(body, 'familyName').slice(0, MAX_NAME * 2),
    dateOfBirth: datePartsFrom(body, 'dateOfBirth'),
    gender: text(body, 'gender'),
    localityId: text(body, 'localityId'),
    postcode: text(body, 'postcode'),
    ethnicity: text(body, 'ethnicity'),
    disability: text(body, 'disability'),
    disabilities: list(body, 'disabilities'),
    nhsNumber: text(body, 'nhsNumber'),
    upn: text(body, 'upn'),
    siblingOfChildId: text(body, 'siblingOfChildId'),
  };
}

export interface ChildForm {
  /** The answers as the API's `POST /children` body, for the API's own DTO to check. */
  body: Record<string, unknown>;
  /** What the form finds wrong itself: an answer missing, the date of birth's boxes. */
  errors: FormErrors;
  /** The date boxes to mark as wrong. */
  invalidDateParts: (keyof DateParts)[];
}

/**
 * The form's answers as the API's `POST /children` body, with the date of birth read from
 * GOV.UK's three boxes, and the form's own errors in a practitioner's words.
 */
export function childForm(values: ChildFormValues, now: Date): ChildForm {
  const date = parseDateInput('dateOfBirth', values.dateOfBirth, {
    label: 'Date of birth',
    latest: { iso: londonDate(now), message: 'Date of birth must be today or in the past' },
  });
  const body: Record<string, unknown> = {
    givenName: values.givenName,
    familyName: values.familyName,
    // A placeholder while the boxes are wrong, so that the other fields are still checked.
    dateOfBirth: date.iso ?? '2000-01-01',
    gender: values.gender === '' ? undefined : values.gender,
    localityId: values.localityId,
  };
  if (values.postcode !== '') body.postcode = values.postcode;
  if (values.ethnicity !== '') body.ethnicity = values.ethnicity;
  if (values.nhsNumber !== '') body.nhsNumber = values.nhsNumber;
  if (values.upn !== '') body.upn = values.upn;
  if (values.disability === 'yes') body.disability = true;
  if (values.disability === 'no') body.disability = false;
  if (values.disabilities.length > 0) body.disabilities = values.disabilities;
  // "No" with nothing ticked is the census's NONE.
  else if (values.disability === 'no') body.disabilities = ['NONE'];
  if (values.siblingOfChildId !== '') body.siblingOfChildId = values.siblingOfChildId;

  const errors = new FormErrors();
  if (values.givenName === '') errors.add('givenName', 'Enter the child’s first name');
  if (values.familyName === '') errors.add('familyName', 'Enter the child’s last name');
  if (values.gender === '') errors.add('gender', 'Select the child’s gender');
  if (values.localityId === '') errors.add('localityId', 'Select the locality');
  if (date.error) errors.add(date.error.field, date.error.text);
  return { body, errors, invalidDateParts: date.invalid };
}

/** The summary lists errors in the order of the form's fields, as the design system asks. */
export function inFormOrder(found: FormErrors): FormErrors {
  const ordered = new FormErrors();
  const summary = new Map(found.summary.map((e) => [e.href.slice(1), e.text]));
  const dateField = [...summary.keys()].find((id) => id.startsWith('dateOfBirth-'));
  const ids = Object.values(CHILD_FIELDS).map((f) =>
    f.id === 'dateOfBirth-day' && dateField ? dateField : f.id,
  );
  for (const id of [...ids, ...summary.keys()]) {
    const message = summary.get(id);
    if (message !== undefined) ordered.add(id, message);
  }
  return ordered;
}
