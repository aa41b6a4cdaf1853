import { datePartsFrom, DateParts, parseDateInput } from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { isValidNhsNumber, normaliseNhsNumber } from '../domain/nhs-number';

/** The "Find a child" form as typed (shown again above the results). */
export interface ChildSearchValues {
  name: string;
  dateOfBirth: DateParts;
  nhsNumber: string;
}

export interface CheckedChildSearch {
  /** The API's `q`: the one term the children service searches by. */
  q?: string;
  errors: FormErrors;
  invalidDateParts: (keyof DateParts)[];
}

export function emptyChildSearch(): ChildSearchValues {
  return { name: '', dateOfBirth: { day: '', month: '', year: '' }, nhsNumber: '' };
}

export function childSearchFrom(body: Record<string, unknown>): ChildSearchValues {
  const text = (name: string): string => {
    const value = body[name];
    return typeof value === 'string' ? value.trim().slice(0, 200) : '';
  };
  return {
    name: text('name'),
    dateOfBirth: datePartsFrom(body, 'dateOfBirth'),
    nhsNumber: text('nhsNumber'),
  };
}

/**
 * The search the form asks for. The children service searches by one term (a name, a date of
 * birth or an NHS number, as `GET /children?q=` does), so the form takes one of the three.
 */
export function checkChildSearch(values: ChildSearchValues): CheckedChildSearch {
  const errors = new FormErrors();
  const hasDate = Object.values(values.dateOfBirth).some((part) => part !== '');
  const given = [values.name !== '', hasDate, values.nhsNumber !== ''].filter(Boolean).length;
  if (given === 0) {
    errors.add('name', 'Enter a name, a date of birth or an NHS number');
    return { errors, invalidDateParts: [] };
  }
  if (given > 1) {
    errors.add('name', 'Search by one of name, date of birth or NHS number');
    return { errors, invalidDateParts: [] };
  }
  if (values.name !== '') {
    if (values.name.length < 2) errors.add('name', 'Name must be 2 characters or more');
    else if (values.name.length > 100) errors.add('name', 'Name must be 100 characters or fewer');
    return errors.any
      ? { errors, invalidDateParts: [] }
      : { q: values.name, errors, invalidDateParts: [] };
  }
  if (hasDate) {
    const date = parseDateInput('dateOfBirth', values.dateOfBirth, { label: 'Date of birth' });
    if (date.error) {
      errors.add(date.error.field, date.error.text);
      return { errors, invalidDateParts: date.invalid };
    }
    return { q: date.iso, errors, invalidDateParts: [] };
  }
  const nhs = normaliseNhsNumber(values.nhsNumber);
  if (!/^\d{10}$/.test(nhs) || !isValidNhsNumber(nhs)) {
    errors.add('nhsNumber', 'Enter a real NHS number: 10 digits, like 943 476 5919');
    return { errors, invalidDateParts: [] };
  }
  return { q: nhs, errors, invalidDateParts: [] };
}
