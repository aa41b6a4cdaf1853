import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { formErrorsFrom } from './service-errors';

const fields = {
  givenName: { id: 'givenName', label: 'the child’s first name' },
  dateOfBirth: {
    id: 'dateOfBirth-day',
    label: 'date of birth',
    messages: { 'must not be in the future': 'Date of birth must be today or in the past' },
  },
  gender: { id: 'gender', label: 'the child’s gender' },
};

describe('service errors on a form', () => {
  it('puts each validation message beside its field, in a practitioner’s words', () => {
    const error = new BadRequestException(
      'givenName is required; dateOfBirth must not be in the future; gender must be one of the following values: female, male',
    );
    const errors = formErrorsFrom(error, fields, 'givenName');
    expect(errors.summary).toEqual([
      { text: 'Enter the child’s first name', href: '#givenName' },
      { text: 'Date of birth must be today or in the past', href: '#dateOfBirth-day' },
      { text: 'Select the child’s gender', href: '#gender' },
    ]);
    expect(errors.field('givenName')).toEqual({ text: 'Enter the child’s first name' });
    expect(errors.field('familyName')).toBe(false);
  });

  it('shows a rule that names no field in the summary, linked to the first field', () => {
    const error = new DomainError('INVALID_STATE', 'consent must be recorded before completing');
    expect(formErrorsFrom(error, fields, 'givenName').summary).toEqual([
      { text: 'Consent must be recorded before completing', href: '#givenName' },
    ]);
  });

  it.each([
    new DomainError('NOT_FOUND', 'Case not found'),
    new DomainError('FORBIDDEN', 'Your role does not allow this action'),
    new DomainError('VERSION_CONFLICT', 'stale'),
    new NotFoundException(),
    new Error('connection terminated'),
  ])('leaves %p to the error pages', (error) => {
    expect(() => formErrorsFrom(error, fields, 'givenName')).toThrow(error);
  });
});
