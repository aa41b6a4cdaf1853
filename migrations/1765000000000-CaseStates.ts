import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's state by day, for the indicators measured on one day (docs/domain.md#indicators: tier 3 cases with
 * a lead professional, children at tier 3 or 4). The three histories the state comes from —
 * status (case_status_history), confirmed tier (tier_decisions) and lead professional
 * (lead_professionals) — each have their own validity ranges; asking all three about every open
 * case on day D cost ~0.5 s at 300,000 children (bench:plans). case_states holds their
 * combination: one row per case per span [from_date, to_date) in which none of the three
 * changes, so "open at tier 3 on D" is one index range.
 *
 * It is derived data, kept by triggers in the same transaction as the history rows it comes
 * from (rebuilt for the case touched), so it can never disagree with them; the migration builds
 * it for the cases that exist.
 */
export class CaseStates1765000000000 implements MigrationInterface {
  name = 'CaseStates1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_states (
        case_id                uuid NOT NULL REFERENCES cases (id),
        child_id               uuid NOT NULL,
        locality_id            uuid NOT NULL,
        from_date              date NOT NULL,
        to_date                date,
        -- NULL where no status row covers the span (before the case began).
        status                 text,
        -- The confirmed tier in force, NULL before the first.
        tier                   smallint,
        has_lead_professional  boolean NOT NULL,
        PRIMARY KEY (case_id, from_date),
        CHECK (to_date IS NULL OR to_date > from_date)
      );
      -- tier3_with_lead_professional_pct, tier_3_4_children: open at tier 3 on day D.
      CREATE INDEX case_states_open_tier3_idx
        ON case_states ((coalesce(to_date, 'infinity'::date)), from_date)
        INCLUDE (locality_id, child_id, has_lead_professional)
        WHERE status <> 'closed' AND tier = 3;

      -- Every span of the cases given, from the boundaries of their three histories.
      CREATE FUNCTION rebuild_case_states(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
        DELETE FROM case_states WHERE case_id = ANY (ids);
        INSERT INTO case_states (case_id, child_id, locality_id, from_date, to_date, status, tier,
                                 has_lead_professional)
        SELECT s.case_id, c.child_id, c.locality_id, s.from_date, s.to_date,
               (SELECT h.status FROM case_status_history h
                WHERE h.case_id = s.case_id AND h.from_date <= s.from_date
                  AND (h.to_date IS NULL OR h.to_date > s.from_date)
                ORDER BY h.from_date DESC, h.id DESC LIMIT 1),
               (SELECT t.tier FROM tier_decisions t
                WHERE t.case_id = s.case_id AND t.status = 'confirmed' AND t.from_date <= s.from_date
                  AND (t.to_date IS NULL OR t.to_date > s.from_date)
                ORDER BY t.from_date DESC, t.decided_at DESC LIMIT 1),
               EXISTS (SELECT 1 FROM lead_professionals lp
                       WHERE lp.case_id = s.case_id AND lp.from_date <= s.from_date
                         AND (lp.to_date IS NULL OR lp.to_date > s.from_date))
        FROM (
          SELECT b.case_id, b.day AS from_date,
                 lead(b.day) OVER (PARTITION BY b.case_id ORDER BY b.day) AS to_date
          FROM (
            SELECT case_id, from_date AS day FROM case_status_history WHERE case_id = ANY (ids)
            UNION SELECT case_id, to_date FROM case_status_history
              WHERE case_id = ANY (ids) AND to_date IS NOT NULL
            UNION SELECT case_id, from_date FROM tier_decisions
              WHERE case_id = ANY (ids) AND status = 'confirmed' AND from_date IS NOT NULL
            UNION SELECT case_id, to_date FROM tier_decisions
              WHERE case_id = ANY (ids) AND status = 'confirmed' AND to_date IS NOT NULL
            UNION SELECT case_id, from_date FROM lead_professionals WHERE case_id = ANY (ids)
            UNION SELECT case_id, to_date FROM lead_professionals
              WHERE case_id = ANY (ids) AND to_date IS NOT NULL
          ) b
        ) s
        JOIN cases c ON c.id = s.case_id;
      $fn$;

      CREATE FUNCTION case_states_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN
          PERFORM rebuild_case_states(ARRAY[NEW.id]);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rebuild_case_states(ARRAY[OLD.case_id]);
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM rebuild_case_states(ARRAY[OLD.case_id, NEW.case_id]);
        ELSE
          PERFORM rebuild_case_states(ARRAY[NEW.case_id]);
        END IF;
        RETURN NULL;
      END;
      $fn$;
      CREATE TRIGGER case_states_from_status AFTER INSERT OR UPDATE OR DELETE ON case_status_history
        FOR EACH ROW EXECUTE FUNCTION case_states_sync();
      CREATE TRIGGER case_states_from_tier AFTER INSERT OR UPDATE OR DELETE ON tier_decisions
        FOR EACH ROW EXECUTE FUNCTION case_states_sync();
      CREATE TRIGGER case_states_from_lead_professional
        AFTER INSERT OR UPDATE OR DELETE ON lead_professionals
        FOR EACH ROW EXECUTE FUNCTION case_states_sync();
      CREATE TRIGGER case_states_from_case AFTER UPDATE OF locality_id, child_id ON cases
        FOR EACH ROW EXECUTE FUNCTION case_states_sync();

      SELECT rebuild_case_states(array_agg(id)) FROM cases;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER case_states_from_case ON cases;
      DROP TRIGGER case_states_from_lead_professional ON lead_professionals;
      DROP TRIGGER case_states_from_tier ON tier_decisions;
      DROP TRIGGER case_states_from_status ON case_status_history;
      DROP FUNCTION case_states_sync();
      DROP FUNCTION rebuild_case_states(uuid[]);
      DROP TABLE case_states;
    `);
  }
}
