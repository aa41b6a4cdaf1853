import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children, CAF cases and everything a case holds: assessment versions, consent, tier
 * decisions, the Team Around the Child, lead professionals, meetings, the action plan and
 * the case's history. Tiers, states, LPs and memberships carry validity dates
 * ([from_date, to_date), to_date NULL while current) so that "on day D" is one indexed query.
 */
export class CafWorkflow1764288000000 implements MigrationInterface {
  name = 'CafWorkflow1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE children (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        given_name      text NOT NULL,
        family_name     text NOT NULL,
        -- Names as compared for duplicates and search (see child-identity.ts).
        name_key        text NOT NULL,
        date_of_birth   date NOT NULL,
        gender          text NOT NULL CHECK (gender IN ('male', 'female', 'other', 'unknown')),
        locality_id     uuid NOT NULL REFERENCES localities (id),
        postcode        text,
        ethnicity       text,
        nhs_number      text CHECK (nhs_number ~ '^[0-9]{10}$'),
        upn             text,
        disability      boolean NOT NULL DEFAULT false,
        household_id    uuid,
        created_by      uuid NOT NULL REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX children_duplicate_idx ON children (locality_id, name_key, date_of_birth);
      CREATE INDEX children_name_trgm_idx ON children USING gin (name_key gin_trgm_ops);
      CREATE INDEX children_dob_idx ON children (date_of_birth);
      CREATE INDEX children_nhs_idx ON children (nhs_number) WHERE nhs_number IS NOT NULL;
      CREATE INDEX children_upn_idx ON children (upn) WHERE upn IS NOT NULL;
      CREATE INDEX children_household_idx ON children (household_id) WHERE household_id IS NOT NULL;
      CREATE INDEX children_created_by_idx ON children (created_by);
      CREATE INDEX children_locality_list_idx ON children (locality_id, family_name, given_name, id);

      CREATE TABLE cases (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id                uuid NOT NULL REFERENCES children (id),
        -- The child's locality when the case started: where the case is counted and managed.
        locality_id             uuid NOT NULL REFERENCES localities (id),
        status                  text NOT NULL CHECK (status IN ('assessment', 'active', 'closed')),
        started_on              date NOT NULL,
        created_by              uuid NOT NULL REFERENCES users (id),
        suggested_tier          smallint CHECK (suggested_tier BETWEEN 1 AND 4),
        tier                    smallint CHECK (tier BETWEEN 1 AND 4),
        lead_professional_id    uuid REFERENCES users (id),
        closure_reason          text CHECK (closure_reason IN ('needs_met', 'stepped_up', 'stepped_down_universal',
                                  'consent_withdrawn', 'moved_out_of_area', 'no_longer_eligible', 'other')),
        closure_note            text,
        closed_on               date,
        reopen_count            smallint NOT NULL DEFAULT 0,
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (closure_reason IS NOT NULL))
      );
      -- A child has at most one open case (docs/domain.md#case-lifecycle).
      CREATE UNIQUE INDEX cases_one_open_per_child ON cases (child_id) WHERE status <> 'closed';
      CREATE INDEX cases_child_idx ON cases (child_id, started_on DESC);
      CREATE INDEX cases_locality_list_idx ON cases (locality_id, status, created_at DESC, id);
      CREATE INDEX cases_created_by_idx ON cases (created_by, created_at DESC, id);
      CREATE INDEX cases_lead_professional_idx ON cases (lead_professional_id, created_at DESC, id)
        WHERE lead_professional_id IS NOT NULL;
      CREATE INDEX cases_list_idx ON cases (created_at DESC, id);

      CREATE TABLE case_status_history (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id         uuid NOT NULL REFERENCES cases (id),
        status          text NOT NULL,
        from_date       date NOT NULL,
        to_date         date,
        changed_at      timestamptz NOT NULL DEFAULT now(),
        changed_by      uuid REFERENCES users (id),
        reason          text
      );
      CREATE INDEX case_status_history_idx ON case_status_history (case_id, from_date);
      CREATE UNIQUE INDEX case_status_history_current ON case_status_history (case_id) WHERE to_date IS NULL;

      CREATE TABLE assessments (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        version_no      integer NOT NULL,
        status          text NOT NULL CHECK (status IN ('draft', 'completed')),
        elements        jsonb NOT NULL DEFAULT '[]'::jsonb,
        strengths       text,
        needs_summary   text,
        child_views     text,
        parent_views    text,
        suggested_tier  smallint,
        fired_rule      jsonb,
        completed_at    timestamptz,
        completed_on    date,
        completed_by    uuid REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, version_no)
      );
      CREATE INDEX assessments_completed_idx ON assessments (completed_on) WHERE status = 'completed';

      CREATE TABLE consents (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id             uuid NOT NULL REFERENCES cases (id),
        given_by            text NOT NULL,
        relationship        text NOT NULL CHECK (relationship IN ('parent', 'carer', 'child', 'young_person')),
        given_at            timestamptz NOT NULL,
        scope               text[] NOT NULL,
        recorded_by         uuid NOT NULL REFERENCES users (id),
        recorded_at         timestamptz NOT NULL DEFAULT now(),
        withdrawn_at        timestamptz,
        withdrawn_by        uuid REFERENCES users (id),
        withdrawal_note     text
      );
      CREATE INDEX consents_case_idx ON consents (case_id, recorded_at);

      CREATE TABLE tier_decisions (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        tier            smallint NOT NULL CHECK (tier BETWEEN 1 AND 4),
        suggested_tier  smallint,
        reason          text,
        decided_by      uuid NOT NULL REFERENCES users (id),
        decided_at      timestamptz NOT NULL DEFAULT now(),
        status          text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
        reviewed_by     uuid REFERENCES users (id),
        reviewed_at     timestamptz,
        -- Validity of a confirmed decision: the tier the case had from from_date until to_date.
        from_date       date,
        to_date         date
      );
      CREATE INDEX tier_decisions_validity_idx ON tier_decisions (case_id, from_date) WHERE status = 'confirmed';
      CREATE UNIQUE INDEX tier_decisions_one_pending ON tier_decisions (case_id) WHERE status = 'pending';
      CREATE INDEX tier_decisions_tier_idx ON tier_decisions (tier, from_date, to_date) WHERE status = 'confirmed';

      CREATE TABLE tac_members (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        user_id         uuid REFERENCES users (id),
        external_name   text,
        external_agency text,
        contact         text,
        role            text NOT NULL,
        from_date       date NOT NULL,
        to_date         date,
        added_by        uuid NOT NULL REFERENCES users (id),
        added_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((user_id IS NULL) <> (external_name IS NULL))
      );
      CREATE UNIQUE INDEX tac_members_one_active_user ON tac_members (case_id, user_id)
        WHERE to_date IS NULL AND user_id IS NOT NULL;
      -- "Cases this user is a member of": the practitioner visibility rule (docs/domain.md#access).
      CREATE INDEX tac_members_user_idx ON tac_members (user_id, case_id) WHERE to_date IS NULL;
      CREATE INDEX tac_members_case_idx ON tac_members (case_id, from_date);

      CREATE TABLE lead_professionals (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        user_id         uuid NOT NULL REFERENCES users (id),
        member_id       uuid NOT NULL REFERENCES tac_members (id),
        reason          text NOT NULL,
        from_date       date NOT NULL,
        to_date         date,
        assigned_by     uuid NOT NULL REFERENCES users (id),
        assigned_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX lead_professionals_one_active ON lead_professionals (case_id) WHERE to_date IS NULL;
      CREATE INDEX lead_professionals_validity_idx ON lead_professionals (case_id, from_date);

      CREATE TABLE tac_meetings (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id             uuid NOT NULL REFERENCES cases (id),
        scheduled_at        timestamptz NOT NULL,
        location            text NOT NULL,
        status              text NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
        held_at             timestamptz,
        held_on             date,
        attendee_user_ids   uuid[] NOT NULL DEFAULT '{}',
        external_attendees  text[] NOT NULL DEFAULT '{}',
        family_attended     boolean,
        notes               text,
        decisions           text,
        cancel_reason       text,
        created_by          uuid NOT NULL REFERENCES users (id),
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tac_meetings_case_idx ON tac_meetings (case_id, scheduled_at);
      CREATE INDEX tac_meetings_held_idx ON tac_meetings (held_on) WHERE status = 'held';

      CREATE TABLE action_items (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        need            text NOT NULL,
        action          text NOT NULL,
        owner_user_id   uuid REFERENCES users (id),
        owner_member_id uuid REFERENCES tac_members (id),
        due_date        date NOT NULL,
        status          text NOT NULL CHECK (status IN ('planned', 'in_progress', 'implemented', 'not_implemented', 'cancelled')),
        reason          text,
        created_by      uuid NOT NULL REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (owner_user_id IS NOT NULL OR owner_member_id IS NOT NULL),
        CHECK (status <> 'cancelled' OR reason IS NOT NULL)
      );
      CREATE INDEX action_items_case_idx ON action_items (case_id, due_date);
      CREATE INDEX action_items_owner_idx ON action_items (owner_user_id, due_date)
        WHERE status IN ('planned', 'in_progress');

      -- The child's page of history: every change to a case, who made it and when.
      CREATE TABLE case_events (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id         uuid NOT NULL REFERENCES cases (id),
        child_id        uuid NOT NULL REFERENCES children (id),
        at              timestamptz NOT NULL DEFAULT now(),
        actor_user_id   uuid REFERENCES users (id),
        type            text NOT NULL,
        details         jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX case_events_child_idx ON case_events (child_id, id);
      CREATE INDEX case_events_case_idx ON case_events (case_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_events;
      DROP TABLE action_items;
      DROP TABLE tac_meetings;
      DROP TABLE lead_professionals;
      DROP TABLE tac_members;
      DROP TABLE tier_decisions;
      DROP TABLE consents;
      DROP TABLE assessments;
      DROP TABLE case_status_history;
      DROP TABLE cases;
      DROP TABLE children;
    `);
  }
}
