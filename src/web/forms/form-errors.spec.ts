import { FormErrors } from './form-errors';

describe('a form’s errors', () => {
  it('keeps the first message per field, in the order added, for the summary and the fields', () => {
    const errors = new FormErrors([{ field: 'email', text: 'Enter your email address' }]);
    errors.add('password', 'Enter your password').add('email', 'A second message');
    expect(errors.any).toBe(true);
    expect(errors.summary).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    expect(errors.field('email')).toEqual({ text: 'Enter your email address' });
    expect(errors.field('other')).toBe(false);
    expect(new FormErrors().any).toBe(false);
  });
});
