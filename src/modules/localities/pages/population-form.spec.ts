import { checkPopulation, populationTable } from './population-form';

const posted = (year: string, bands: [string, string, string, string], version = '3') => ({
  year,
  'band-0-4': bands[0],
  'band-5-9': bands[1],
  'band-10-15': bands[2],
  'band-16-17': bands[3],
  version,
});

describe('the population form', () => {
  it('reads a year and whole numbers, commas allowed, with the version it was shown with', () => {
    const checked = checkPopulation(posted(' 2024 ', ['1,200', '1100', '0', '450']));
    expect(checked.errors.any).toBe(false);
    expect(checked.input).toEqual({
      year: 2024,
      bands: { '0-4': 1200, '5-9': 1100, '10-15': 0, '16-17': 450 },
      version: 3,
    });
  });

  it.each([
    ['', 'year', 'Enter the year of the estimate'],
    ['24', 'year', 'The year must be a year from 1990 to 2100, like 2024'],
    ['1989', 'year', 'The year must be a year from 1990 to 2100, like 2024'],
  ])('refuses the year %j beside the year', (year, field, message) => {
    const errors = checkPopulation(posted(year, ['1', '2', '3', '4'])).errors;
    expect(errors.summary).toEqual([{ href: `#${field}`, text: message }]);
  });

  it('names each band that is empty or not a whole number, and sends the DTO only numbers', () => {
    const checked = checkPopulation(posted('2024', ['', '-3', '2.5', '10000001']));
    expect(checked.errors.summary.map((e) => e.href)).toEqual([
      '#band-0-4',
      '#band-5-9',
      '#band-10-15',
      '#band-16-17',
    ]);
    expect(checked.errors.field('band-0-4')).toEqual({
      text: 'Enter the number of children aged 0 to 4',
    });
    expect(checked.errors.field('band-16-17')).toEqual({
      text: 'The number of children aged 16 or 17 must be a whole number from 0 to 10,000,000',
    });
    expect(checked.input).toMatchObject({ bands: { '0-4': 0, '5-9': 0, '10-15': 0, '16-17': 0 } });
    expect(checked.answers.bands['5-9']).toBe('-3');
  });

  it('sends no version when the form had none', () => {
    expect(checkPopulation(posted('2024', ['1', '2', '3', '4'], ''))).toMatchObject({
      version: 0,
      input: { year: 2024 },
    });
    expect('version' in checkPopulation(posted('2024', ['1', '2', '3', '4'], '')).input).toBe(
      false,
    );
  });

  it('writes the table’s numbers as people read them, with the total', () => {
    expect(
      populationTable([
        { year: 2024, bands: { '0-4': 5120, '5-9': 5310, '10-15': 6080, '16-17': 1990 } },
      ]),
    ).toEqual([{ year: 2024, counts: ['5,120', '5,310', '6,080', '1,990'], total: '18,500' }]);
  });
});
