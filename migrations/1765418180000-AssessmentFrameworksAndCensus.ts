import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessment frameworks over time and the Children in Need census fields
 * (docs/domain.md#assessment-frameworks, docs/domain.md#children-in-need-census).
 *
 * - A referral names the framework in force on its referral date and keeps a copy of its
 *   timescales, so that a later change to config/assessment-framework.yaml never moves a due
 *   date already computed. Referrals made before this change were all made under the fixed
 *   7 / 35 / decision 1 timescales, and say so.
 * - The single assessment (one per referral), due a number of working days after referredAt.
 * - The census fields recorded at the point of work: the referral source in the census's
 *   code (`cin_source`; null on older rows, derived when the return is written), the
 *   episode's primary need and reason for closure, and each assessment's factors.
 */
export class AssessmentFrameworksAndCensus1765418180000 implements MigrationInterface {
  name = 'AssessmentFrameworksAndCensus1765418180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals
        ADD COLUMN framework text NOT NULL DEFAULT 'initial-core-2000-01-01',
        ADD COLUMN framework_timescales jsonb NOT NULL
          DEFAULT '{"kind": "initial_core", "initialAssessment": 7, "coreAssessment": 35, "decision": 1}',
        ADD COLUMN cin_source text CHECK (cin_source IN ('1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B',
          '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')),
        ADD COLUMN primary_need text CHECK (primary_need ~ '^N[0-9]$'),
        ADD COLUMN closure_reason text CHECK (closure_reason ~ '^RC[1-9]$');

      ALTER TABLE initial_assessments ADD COLUMN factors text[] NOT NULL DEFAULT '{}';
      ALTER TABLE core_assessments ADD COLUMN factors text[] NOT NULL DEFAULT '{}';

      CREATE TABLE single_assessments (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id     uuid NOT NULL UNIQUE REFERENCES referrals (id),
        child_id        uuid NOT NULL REFERENCES children (id),
        locality_id     uuid NOT NULL REFERENCES localities (id),
        assigned_to     uuid NOT NULL REFERENCES users (id),
        started_at      date NOT NULL,
        due_date        date NOT NULL,
        completed_at    date,
        outcome         text CHECK (outcome IN ('services_provided', 'no_further_action', 'step_down_early_help')),
        in_time         boolean,
        factors         text[] NOT NULL DEFAULT '{}',
        created_by      uuid NOT NULL REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((completed_at IS NULL) = (outcome IS NULL))
      );
      CREATE INDEX single_assessments_open_idx ON single_assessments (due_date, id) WHERE completed_at IS NULL;
      CREATE INDEX single_assessments_assignee_idx ON single_assessments (assigned_to, due_date) WHERE completed_at IS NULL;
      CREATE INDEX single_assessments_completed_idx ON single_assessments (completed_at) WHERE completed_at IS NOT NULL;
      CREATE INDEX single_assessments_child_idx ON single_assessments (child_id);

      ALTER TABLE reminders DROP CONSTRAINT reminders_subject_type_check;
      ALTER TABLE reminders ADD CONSTRAINT reminders_subject_type_check CHECK (subject_type IN
        ('referral', 'initial_assessment', 'core_assessment', 'assessment', 'case', 'tac_meeting'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE subject_type = 'assessment';
      DELETE FROM reminders WHERE subject_type = 'assessment';
      ALTER TABLE reminders DROP CONSTRAINT reminders_subject_type_check;
      ALTER TABLE reminders ADD CONSTRAINT reminders_subject_type_check CHECK (subject_type IN
        ('referral', 'initial_assessment', 'core_assessment', 'case', 'tac_meeting'));
      DROP TABLE single_assessments;
      ALTER TABLE core_assessments DROP COLUMN factors;
      ALTER TABLE initial_assessments DROP COLUMN factors;
      ALTER TABLE referrals
        DROP COLUMN closure_reason,
        DROP COLUMN primary_need,
        DROP COLUMN cin_source,
        DROP COLUMN framework_timescales,
        DROP COLUMN framework;
    `);
  }
}
