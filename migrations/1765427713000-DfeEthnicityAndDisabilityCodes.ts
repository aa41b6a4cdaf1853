import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A child's ethnicity becomes one of the DfE census codes, and a list of DfE disability codes
 * joins the `disability` flag (docs/domain.md#dfe-codes).
 *
 * Ethnicity was free text. A text that is a code, a code's DfE name, or that name after its
 * major group ("Black Caribbean"), ignoring case and spacing, becomes that code; any other text,
 * and no value at all, becomes NOBT ("Information not yet obtained"), which is also the default
 * from now on. The counts are reported (RAISE NOTICE) for the note of the change.
 *
 * The codes are written out here rather than imported: a migration keeps the list as it was
 * when it ran (src/modules/children/domain/dfe-codes.ts is the live one).
 */
const ETHNICITIES: readonly [code: string, name: string, group: string][] = [
  ['WBRI', 'White British', 'White'],
  ['WIRI', 'White Irish', 'White'],
  ['WIRT', 'Traveller of Irish heritage', 'White'],
  ['WOTH', 'Any other White background', 'White'],
  ['WROM', 'Gypsy/Roma', 'White'],
  ['MWBC', 'White and Black Caribbean', 'Mixed'],
  ['MWBA', 'White and Black African', 'Mixed'],
  ['MWAS', 'White and Asian', 'Mixed'],
  ['MOTH', 'Any other mixed background', 'Mixed'],
  ['AIND', 'Indian', 'Asian'],
  ['APKN', 'Pakistani', 'Asian'],
  ['ABAN', 'Bangladeshi', 'Asian'],
  ['AOTH', 'Any other Asian background', 'Asian'],
  ['BCRB', 'Caribbean', 'Black'],
  ['BAFR', 'African', 'Black'],
  ['BOTH', 'Any other black background', 'Black'],
  ['CHNE', 'Chinese', 'Other'],
  ['OOTH', 'Any other ethnic group', 'Other'],
  ['REFU', 'Refused', 'Not known'],
  ['NOBT', 'Information not yet obtained', 'Not known'],
];
const DISABILITIES = [
  'NONE',
  'MOB',
  'HAND',
  'PC',
  'INC',
  'COMM',
  'LD',
  'HEAR',
  'VIS',
  'BEH',
  'CON',
  'AUT',
  'DDA',
];

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const NORMALISED = (column: string): string =>
  `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;

export class DfeEthnicityAndDisabilityCodes1765427713000 implements MigrationInterface {
  name = 'DfeEthnicityAndDisabilityCodes1765427713000';

  async up(q: QueryRunner): Promise<void> {
    const codes = ETHNICITIES.map(
      ([code, name, group]) => `(${literal(code)}, ${literal(name)}, ${literal(group)})`,
    ).join(',\n          ');
    await q.query(`
      CREATE TEMPORARY TABLE ethnicity_moves ON COMMIT DROP AS
      WITH codes (code, name, grp) AS (VALUES
          ${codes}),
      moves AS (
        SELECT ch.id,
               CASE WHEN ch.ethnicity IS NULL THEN 'not_recorded'
                    WHEN ${NORMALISED('ch.ethnicity')} IN (SELECT lower(code) FROM codes) THEN 'code'
                    WHEN byname.code IS NOT NULL THEN 'name'
                    ELSE 'unmatched' END AS how,
               COALESCE(
                 (SELECT c.code FROM codes c WHERE ${NORMALISED('ch.ethnicity')} = lower(c.code)),
                 byname.code,
                 'NOBT') AS code
        FROM children ch
        LEFT JOIN LATERAL (
          SELECT c.code FROM codes c
          WHERE ${NORMALISED('ch.ethnicity')} IN (lower(c.name), lower(c.grp || ' ' || c.name))
          LIMIT 1) byname ON true
      )
      SELECT * FROM moves`);
    await q.query(`
      UPDATE children ch SET ethnicity = m.code
      FROM ethnicity_moves m WHERE ch.id = m.id AND ch.ethnicity IS DISTINCT FROM m.code`);
    await q.query(`
      DO $$
      DECLARE
        counts record;
      BEGIN
        SELECT count(*) FILTER (WHERE how = 'code') AS code,
               count(*) FILTER (WHERE how = 'name') AS name,
               count(*) FILTER (WHERE how = 'unmatched') AS unmatched,
               count(*) FILTER (WHERE how = 'not_recorded') AS not_recorded
          INTO counts FROM ethnicity_moves;
        RAISE NOTICE 'DfE ethnicity codes: % already a code, % matched a DfE name, % other text set to NOBT, % not recorded set to NOBT',
          counts.code, counts.name, counts.unmatched, counts.not_recorded;
      END $$`);
    await q.query(`
      ALTER TABLE children
        ALTER COLUMN ethnicity SET DEFAULT 'NOBT',
        ALTER COLUMN ethnicity SET NOT NULL,
        ADD CONSTRAINT children_ethnicity_dfe_code
          CHECK (ethnicity IN (${ETHNICITIES.map(([code]) => literal(code)).join(', ')})),
        ADD COLUMN disabilities text[] NOT NULL DEFAULT '{}'
          CONSTRAINT children_disabilities_dfe_codes
          CHECK (disabilities <@ ARRAY[${DISABILITIES.map(literal).join(', ')}]::text[])`);
    await q.query(`
      DO $$
      DECLARE
        flagged bigint;
      BEGIN
        SELECT count(*) INTO flagged FROM children WHERE disability;
        RAISE NOTICE 'DfE disability codes: % children marked disability keep it with no codes listed', flagged;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE children
        DROP COLUMN disabilities,
        DROP CONSTRAINT children_ethnicity_dfe_code,
        ALTER COLUMN ethnicity DROP NOT NULL,
        ALTER COLUMN ethnicity DROP DEFAULT`);
  }
}
