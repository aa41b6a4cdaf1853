import { dateInputItems, datePartsFrom, datePartsOf, parseDateInput } from './date-input';

const rules = { label: 'Date of birth' };
const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('GOV.UK date input parsing', () => {
  it.each([
    [parts('2', '12', '2026'), '2026-12-02'],
    [parts('02', '03', '2010'), '2010-03-02'],
    [parts(' 29', '2 ', '2024'), undefined], // trimmed by datePartsFrom, not here: not numbers
    [parts('29', '2', '2024'), '2024-02-29'],
    [parts('31', '12', '1999'), '1999-12-31'],
  ])('reads %j as %s', (given, iso) => {
    expect(parseDateInput('dob', given, rules).iso).toBe(iso);
  });

  it.each([
    [parts('', '', ''), 'Enter date of birth', 'dob-day'],
    [parts('2', '', '2026'), 'Date of birth must include a month', 'dob-month'],
    [parts('', '', '2026'), 'Date of birth must include a day and a month', 'dob-day'],
    [parts('29', '2', '2023'), 'Date of birth must be a real date', 'dob-day'],
    [parts('1', '13', '2023'), 'Date of birth must be a real date', 'dob-month'],
    [parts('31', '4', '2023'), 'Date of birth must be a real date', 'dob-day'],
    [parts('x', '4', '2023'), 'Date of birth must be a real date', 'dob-day'],
    [parts('1', '4', '23'), 'Year must include 4 numbers', 'dob-year'],
  ])('refuses %j with "%s", linked to %s', (given, text, field) => {
    expect(parseDateInput('dob', given, rules).error).toEqual({ field, text });
  });

  it('refuses a date after the latest allowed with the caller’s words', () => {
    const latest = { iso: '2026-12-02', message: 'Date of birth must be today or in the past' };
    expect(parseDateInput('dob', parts('3', '12', '2026'), { ...rules, latest }).error?.text).toBe(
      latest.message,
    );
    expect(parseDateInput('dob', parts('2', '12', '2026'), { ...rules, latest }).iso).toBe(
      '2026-12-02',
    );
  });

  it('lets an optional date be left empty', () => {
    expect(parseDateInput('dob', parts('', '', ''), { ...rules, optional: true })).toEqual({
      parts: parts('', '', ''),
      invalid: [],
    });
  });

  it('reads the posted boxes by the input’s id, trimmed, and writes a saved date back to them', () => {
    expect(datePartsFrom({ 'dob-day': ' 2 ', 'dob-month': '12', 'dob-year': 2026 }, 'dob')).toEqual(
      parts('2', '12', ''),
    );
    expect(datePartsOf('2026-03-09')).toEqual(parts('9', '3', '2026'));
    expect(datePartsOf(null)).toEqual(parts('', '', ''));
  });

  it('marks only the wrong boxes for the macro, keeping what was typed', () => {
    const items = dateInputItems(parts('31', '4', '2023'), ['day']);
    expect(items.map((i) => [i.name, i.value, i.classes])).toEqual([
      ['day', '31', 'govuk-input--width-2 govuk-input--error'],
      ['month', '4', 'govuk-input--width-2'],
      ['year', '2023', 'govuk-input--width-4'],
    ]);
  });
});
