/**
 * A form's errors as the design system shows them: the error summary at the top
 * (`govukErrorSummary({ titleText: "There is a problem", errorList: errors.summary })`) and
 * the message beside each field (`errorMessage: errors.field('email')`).
 */
export interface FieldError {
  /** The field's name in the form (its `id` too, so that the summary's link reaches it). */
  field: string;
  text: string;
}

export class FormErrors {
  private readonly byField = new Map<string, string>();

  constructor(errors: readonly FieldError[] = []) {
    for (const error of errors) this.add(error.field, error.text);
  }

  /** Adds a field's message (the first message per field is the one shown). */
  add(field: string, text: string): this {
    if (!this.byField.has(field)) this.byField.set(field, text);
    return this;
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  /** For govukErrorSummary's `errorList`, in the order the fields were added. */
  get summary(): { text: string; href: string }[] {
    return [...this.byField].map(([field, text]) => ({ text, href: `#${field}` }));
  }

  /** For a field macro's `errorMessage` (false when the field has no error, as macros expect). */
  field(name: string): { text: string } | false {
    const text = this.byField.get(name);
    return text === undefined ? false : { text };
  }
}
