import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead professional's working day (docs/domain.md#case-notes, #the-chronology, #panels,
 * #consent-governs-sharing, #the-assessing-practitioner):
 * - the practitioner who started each existing case becomes a TAC member (`Assessing
 *   practitioner`) from the case's start, as every new case has from now on;
 * - memberships that consent would now refuse (another agency's user, or an external member,
 *   on a case without information-sharing consent) stay as they are: the migration counts them
 *   and says so in a NOTICE;
 * - the pre-assessment checklist, case notes with their corrections, panel hearings, and a
 *   referral's safeguarding grounds for sharing without consent;
 * - the indexes the child's chronology reads (one query over the history tables by child).
 */
export class PracticeOnTheApi1765413130000 implements MigrationInterface {
  name = 'PracticeOnTheApi1765413130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $count$
      DECLARE
        external_members integer;
        cross_agency_members integer;
        current_external integer;
        current_cross_agency integer;
      BEGIN
        SELECT count(*) FILTER (WHERE m.user_id IS NULL),
               count(*) FILTER (WHERE m.user_id IS NOT NULL),
               count(*) FILTER (WHERE m.user_id IS NULL AND m.to_date IS NULL),
               count(*) FILTER (WHERE m.user_id IS NOT NULL AND m.to_date IS NULL)
          INTO external_members, cross_agency_members, current_external, current_cross_agency
        FROM tac_members m
        JOIN cases c ON c.id = m.case_id
        JOIN users starter ON starter.id = c.created_by
        LEFT JOIN users mu ON mu.id = m.user_id
        WHERE (m.user_id IS NULL OR mu.agency_id <> starter.agency_id)
          AND NOT EXISTS (SELECT 1 FROM consents k
                          WHERE k.case_id = c.id AND k.withdrawn_at IS NULL
                            AND 'information_sharing' = ANY (k.scope));
        RAISE NOTICE 'TAC memberships without information-sharing consent, kept as they are: % external (% current), % of another agency (% current)',
          external_members, current_external, cross_agency_members, current_cross_agency;
      END
      $count$;

      INSERT INTO tac_members (case_id, user_id, role, from_date, added_by, added_at)
      SELECT c.id, c.created_by, 'Assessing practitioner', c.started_on, c.created_by, c.created_at
      FROM cases c
      WHERE NOT EXISTS (SELECT 1 FROM tac_members m WHERE m.case_id = c.id AND m.user_id = c.created_by);

      -- The pre-assessment checklist: each answer kept, the latest in force.
      CREATE TABLE case_pre_assessments (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        version         integer NOT NULL CHECK (version >= 1),
        concern_domains text[] NOT NULL,
        caf_needed      boolean NOT NULL,
        notes           text,
        recorded_by     uuid NOT NULL REFERENCES users (id),
        recorded_at     timestamptz NOT NULL,
        UNIQUE (case_id, version),
        CHECK (concern_domains <@ ARRAY['development_of_the_child', 'parents_and_carers',
                                        'family_and_environment']::text[])
      );

      CREATE TABLE case_notes (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        child_id        uuid NOT NULL REFERENCES children (id),
        kind            text NOT NULL CHECK (kind IN ('note', 'home_visit', 'contact_with_family',
                          'contact_with_agency', 'child_voice', 'significant_event')),
        occurred_at     timestamptz NOT NULL,
        text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        significant     boolean NOT NULL,
        author_id       uuid NOT NULL REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      );
      -- GET /cases/:id/notes: newest occurredAt first, keyset pages.
      CREATE INDEX case_notes_case_idx ON case_notes (case_id, occurred_at DESC, id DESC);
      CREATE INDEX case_notes_child_idx ON case_notes (child_id, occurred_at);

      -- A note is never deleted: each correction keeps the text it replaced.
      CREATE TABLE case_note_corrections (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        note_id         uuid NOT NULL REFERENCES case_notes (id),
        previous_text   text NOT NULL,
        reason          text NOT NULL,
        corrected_by    uuid NOT NULL REFERENCES users (id),
        corrected_at    timestamptz NOT NULL
      );
      CREATE INDEX case_note_corrections_note_idx ON case_note_corrections (note_id, id);

      CREATE TABLE panel_hearings (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id),
        child_id        uuid NOT NULL REFERENCES children (id),
        panel           text NOT NULL,
        heard_on        date NOT NULL,
        outcome         text NOT NULL CHECK (outcome IN ('continue_early_help', 'step_up', 'step_down',
                          'close', 'other')),
        notes           text,
        recorded_by     uuid NOT NULL REFERENCES users (id),
        recorded_at     timestamptz NOT NULL,
        version         integer NOT NULL DEFAULT 1
      );
      CREATE INDEX panel_hearings_case_idx ON panel_hearings (case_id, heard_on, id);
      -- panel_children_with_lead_professional_pct: hearings of a panel in a period.
      CREATE INDEX panel_hearings_panel_idx ON panel_hearings (panel, heard_on) INCLUDE (case_id);

      -- Sharing without consent where a child may be at risk of significant harm.
      ALTER TABLE referrals ADD COLUMN safeguarding boolean NOT NULL DEFAULT false;
      ALTER TABLE referrals ADD COLUMN safeguarding_reason text;
      ALTER TABLE referrals ADD CONSTRAINT referrals_safeguarding_reason_check
        CHECK (safeguarding = (safeguarding_reason IS NOT NULL));

      -- The chronology: every decision of a case (confirmed, pending or rejected) by case.
      CREATE INDEX tier_decisions_case_idx ON tier_decisions (case_id, decided_at);
      -- … and the events it reads from the case history (who recorded a meeting, who ended a
      -- membership, an action item's status changes).
      CREATE INDEX case_events_chronology_idx ON case_events (case_id, id)
        WHERE type IN ('tac.meeting_recorded', 'tac.meeting_cancelled', 'tac.member_left',
                       'action_item.updated');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX case_events_chronology_idx;
      DROP INDEX tier_decisions_case_idx;
      ALTER TABLE referrals DROP CONSTRAINT referrals_safeguarding_reason_check;
      ALTER TABLE referrals DROP COLUMN safeguarding_reason;
      ALTER TABLE referrals DROP COLUMN safeguarding;
      DROP TABLE panel_hearings;
      DROP TABLE case_note_corrections;
      DROP TABLE case_notes;
      DROP TABLE case_pre_assessments;
      DELETE FROM tac_members m USING cases c
        WHERE c.id = m.case_id AND m.user_id = c.created_by AND m.role = 'Assessing practitioner'
          AND m.from_date = c.started_on
          AND NOT EXISTS (SELECT 1 FROM lead_professionals lp WHERE lp.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM action_items i WHERE i.owner_member_id = m.id);
    `);
  }
}
