import { createValidationPipe } from '../../common/validation/validation-pipe';

const pipe = createValidationPipe();

/**
 * A page's answers checked by the API's own DTO and validation pipe (whitelist, unknown fields
 * refused, the same messages): a failure is the same 400 the API gives, which the page maps
 * to its fields with `formErrorsFrom`.
 */
export async function validated<T extends object>(dto: new () => T, input: object): Promise<T> {
  return (await pipe.transform(input, { type: 'body', metatype: dto })) as T;
}

/** A posted field as one string ('' when absent or sent twice). */
export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** A text field for an optional API string: undefined when left empty. */
export function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const value = text(body, name).trim();
  return value === '' ? undefined : value;
}

/** Checkboxes of one name: none, one (a string) or several (an array). */
export function checked(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A whole number field (the form's hidden version, a radio's value); NaN when not one. */
export function whole(body: Record<string, unknown>, name: string): number {
  const value = text(body, name);
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}
