import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals to children's social care with their decisions, and the initial (7 working
 * days) and core (35 working days) assessments that follow (docs/domain.md#referrals, docs/domain.md#assessment-timescales).
 */
export class Referrals1764400000000 implements MigrationInterface {
  name = 'Referrals1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id                uuid NOT NULL REFERENCES children (id),
        case_id                 uuid REFERENCES cases (id),
        -- The child's locality when referred: where the referral is counted.
        locality_id             uuid NOT NULL REFERENCES localities (id),
        referred_at             date NOT NULL,
        source                  text NOT NULL CHECK (source IN ('school', 'health', 'police', 'early_help', 'family',
                                  'self', 'anonymous', 'other_la', 'other')),
        reason                  text NOT NULL,
        referrer_user_id        uuid NOT NULL REFERENCES users (id),
        is_re_referral          boolean NOT NULL,
        previous_referral_id    uuid REFERENCES referrals (id),
        -- The decision in force (its history is in referral_decisions).
        outcome                 text CHECK (outcome IN ('initial_assessment', 'no_further_action',
                                  'step_down_early_help', 'signposted_universal')),
        decided_at              date,
        decided_by              uuid REFERENCES users (id),
        step_down_case_id       uuid REFERENCES cases (id),
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((outcome IS NULL) = (decided_at IS NULL))
      );
      -- The re-referral look-up: a child's referrals by date.
      CREATE INDEX referrals_child_idx ON referrals (child_id, referred_at, created_at);
      -- The decision queue, oldest first.
      CREATE INDEX referrals_queue_idx ON referrals (referred_at, id) WHERE outcome IS NULL;
      CREATE INDEX referrals_list_idx ON referrals (referred_at DESC, id DESC);
      CREATE INDEX referrals_locality_idx ON referrals (locality_id, referred_at DESC, id DESC);
      CREATE INDEX referrals_case_idx ON referrals (case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX referrals_step_down_idx ON referrals (step_down_case_id) WHERE step_down_case_id IS NOT NULL;
      CREATE INDEX referrals_decided_idx ON referrals (decided_at, outcome) WHERE decided_at IS NOT NULL;

      CREATE TABLE referral_decisions (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id     uuid NOT NULL REFERENCES referrals (id),
        outcome         text NOT NULL,
        decided_at      date NOT NULL,
        decided_by      uuid NOT NULL REFERENCES users (id),
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        correction_of   uuid REFERENCES referral_decisions (id),
        correction_reason text
      );
      CREATE INDEX referral_decisions_referral_idx ON referral_decisions (referral_id, recorded_at);

      CREATE TABLE initial_assessments (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id         uuid NOT NULL UNIQUE REFERENCES referrals (id),
        child_id            uuid NOT NULL REFERENCES children (id),
        locality_id         uuid NOT NULL REFERENCES localities (id),
        assigned_to         uuid NOT NULL REFERENCES users (id),
        due_date            date NOT NULL,
        completed_at        date,
        outcome             text CHECK (outcome IN ('core_assessment', 'services_provided', 'no_further_action',
                              'step_down_early_help')),
        in_time             boolean,
        created_by          uuid NOT NULL REFERENCES users (id),
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((completed_at IS NULL) = (outcome IS NULL))
      );
      CREATE INDEX initial_assessments_open_idx ON initial_assessments (due_date, id) WHERE completed_at IS NULL;
      CREATE INDEX initial_assessments_assignee_idx ON initial_assessments (assigned_to, due_date) WHERE completed_at IS NULL;
      CREATE INDEX initial_assessments_completed_idx ON initial_assessments (completed_at) WHERE completed_at IS NOT NULL;

      CREATE TABLE core_assessments (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        initial_assessment_id   uuid NOT NULL UNIQUE REFERENCES initial_assessments (id),
        child_id                uuid NOT NULL REFERENCES children (id),
        locality_id             uuid NOT NULL REFERENCES localities (id),
        assigned_to             uuid NOT NULL REFERENCES users (id),
        commenced_at            date NOT NULL,
        due_date                date NOT NULL,
        completed_at            date,
        in_time                 boolean,
        created_by              uuid NOT NULL REFERENCES users (id),
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX core_assessments_open_idx ON core_assessments (due_date, id) WHERE completed_at IS NULL;
      CREATE INDEX core_assessments_assignee_idx ON core_assessments (assigned_to, due_date) WHERE completed_at IS NULL;
      CREATE INDEX core_assessments_completed_idx ON core_assessments (completed_at) WHERE completed_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE core_assessments;
      DROP TABLE initial_assessments;
      DROP TABLE referral_decisions;
      DROP TABLE referrals;
    `);
  }
}
