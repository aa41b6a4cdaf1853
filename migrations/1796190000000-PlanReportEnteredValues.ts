import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole plan report (docs/domain.md#entered-indicators): figures entered for indicators
 * that come from other systems, and the commentary beside each indicator and period. Both are
 * versioned: each change bumps `version` and keeps the row it replaced in a history table.
 */
export class PlanReportEnteredValues1796190000000 implements MigrationInterface {
  name = 'PlanReportEnteredValues1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_entered_values (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_code  text NOT NULL,
        period          text NOT NULL,
        -- The period's first and last days, so that a quarter finds the months inside it.
        period_from     date NOT NULL,
        period_to       date NOT NULL,
        -- NULL: the whole authority.
        locality_id     uuid REFERENCES localities (id),
        numerator       bigint CHECK (numerator >= 0),
        denominator     bigint CHECK (denominator >= 0),
        value           numeric NOT NULL CHECK (value >= 0),
        version         integer NOT NULL DEFAULT 1,
        updated_by      uuid NOT NULL REFERENCES users (id),
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX kpi_entered_values_key ON kpi_entered_values (indicator_code, period, locality_id)
        NULLS NOT DISTINCT;
      CREATE INDEX kpi_entered_values_span_idx ON kpi_entered_values (indicator_code, period_from, period_to);

      CREATE TABLE kpi_entered_value_history (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entered_value_id  uuid NOT NULL REFERENCES kpi_entered_values (id),
        version           integer NOT NULL,
        numerator         bigint,
        denominator       bigint,
        value             numeric NOT NULL,
        changed_by        uuid NOT NULL REFERENCES users (id),
        changed_at        timestamptz NOT NULL,
        source            text NOT NULL CHECK (source IN ('api', 'csv'))
      );
      CREATE INDEX kpi_entered_value_history_idx ON kpi_entered_value_history (entered_value_id, version);

      CREATE TABLE kpi_commentary (
        indicator_code  text NOT NULL,
        period          text NOT NULL,
        text            text NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        updated_by      uuid NOT NULL REFERENCES users (id),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_code, period)
      );

      CREATE TABLE kpi_commentary_history (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        indicator_code  text NOT NULL,
        period          text NOT NULL,
        version         integer NOT NULL,
        text            text NOT NULL,
        changed_by      uuid NOT NULL REFERENCES users (id),
        changed_at      timestamptz NOT NULL
      );
      CREATE INDEX kpi_commentary_history_idx ON kpi_commentary_history (indicator_code, period, version);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kpi_commentary_history;
      DROP TABLE kpi_commentary;
      DROP TABLE kpi_entered_value_history;
      DROP TABLE kpi_entered_values;
    `);
  }
}
