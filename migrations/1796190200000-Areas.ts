import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children's centre areas within localities (docs/domain.md#areas): each a list of postcode
 * sectors ("TW3 1"; a sector is in at most one area) and populations by age band, for metric
 * areas_0_4_referrals_below_10_per_1000. A child's area is the one holding their postcode's
 * sector; the expression index lets the metric join children to sectors without a scan.
 */
export class Areas1796190200000 implements MigrationInterface {
  name = 'Areas1796190200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE areas (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        locality_id uuid NOT NULL REFERENCES localities (id),
        name        text NOT NULL,
        code        text NOT NULL,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX areas_code_key ON areas (lower(code));
      CREATE UNIQUE INDEX areas_name_key ON areas (lower(name));
      CREATE INDEX areas_locality_idx ON areas (locality_id, name, id);

      CREATE TABLE area_postcode_sectors (
        sector   text PRIMARY KEY CHECK (sector ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$'),
        area_id  uuid NOT NULL REFERENCES areas (id)
      );
      CREATE INDEX area_postcode_sectors_area_idx ON area_postcode_sectors (area_id);

      CREATE TABLE area_populations (
        area_id     uuid NOT NULL REFERENCES areas (id),
        year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        age_band    text NOT NULL CHECK (age_band IN ('0-4', '5-9', '10-15', '16-17')),
        population  integer NOT NULL CHECK (population >= 0),
        PRIMARY KEY (area_id, year, age_band)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE area_populations;
      DROP TABLE area_postcode_sectors;
      DROP TABLE areas;
    `);
  }
}
