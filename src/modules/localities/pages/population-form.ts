import { FormErrors } from '../../../web/forms/form-errors';
import { text, whole } from '../../../web/forms/posted-answers';
import { AGE_BANDS, type AgeBand, type PopulationDto } from '../dto/locality.dto';

/** The population form's answers as typed: the year and a count per age band. */
export interface PopulationAnswers {
  year: string;
  bands: Record<AgeBand, string>;
}

/** The band inputs' names and ids on the page: `band-0-4`. */
export const bandField = (band: AgeBand): string => `band-${band}`;

const BAND_WORDS: Record<AgeBand, string> = {
  '0-4': 'aged 0 to 4',
  '5-9': 'aged 5 to 9',
  '10-15': 'aged 10 to 15',
  '16-17': 'aged 16 or 17',
};

const MAX_BAND = 10_000_000;

/**
 * A posted population form: the answers as typed, the page's own errors in words (the year a
 * year from 1990 to 2100, each band a whole number of children), and the API's body for
 * SetPopulationDto (with a stand-in where an answer is wrong, so that the DTO's messages, which
 * name a band by its key, never reach the page). `version` is the one the form was shown with.
 */
export function checkPopulation(posted: Record<string, unknown>): {
  answers: PopulationAnswers;
  errors: FormErrors;
  input: object;
  version: number;
} {
  const answers: PopulationAnswers = {
    year: text(posted, 'year').trim(),
    bands: Object.fromEntries(
      AGE_BANDS.map((band) => [band, text(posted, bandField(band)).trim().replace(/,/g, '')]),
    ) as Record<AgeBand, string>,
  };
  const errors = new FormErrors();
  let year = 2000;
  if (answers.year === '') errors.add('year', 'Enter the year of the estimate');
  else if (!/^\d{4}$/.test(answers.year) || +answers.year < 1990 || +answers.year > 2100) {
    errors.add('year', 'The year must be a year from 1990 to 2100, like 2024');
  } else year = Number(answers.year);
  const bands = {} as Record<AgeBand, number>;
  for (const band of AGE_BANDS) {
    const typed = answers.bands[band];
    bands[band] = 0;
    if (typed === '')
      errors.add(bandField(band), `Enter the number of children ${BAND_WORDS[band]}`);
    else if (!/^\d{1,8}$/.test(typed) || +typed > MAX_BAND) {
      errors.add(
        bandField(band),
        `The number of children ${BAND_WORDS[band]} must be a whole number from 0 to 10,000,000`,
      );
    } else bands[band] = Number(typed);
  }
  const version = whole(posted, 'version');
  return {
    answers,
    errors,
    input: { year, bands, ...(Number.isNaN(version) ? {} : { version }) },
    version: Number.isNaN(version) ? 0 : version,
  };
}

/** The populations as the page's table: newest year first, each band and the total. */
export function populationTable(
  populations: readonly PopulationDto[],
): { year: number; counts: string[]; total: string }[] {
  const written = (n: number): string => n.toLocaleString('en-GB');
  return populations.map((p) => {
    const counts = AGE_BANDS.map((band) => p.bands[band] ?? 0);
    return {
      year: p.year,
      counts: counts.map(written),
      total: written(counts.reduce((s, c) => s + c, 0)),
    };
  });
}
