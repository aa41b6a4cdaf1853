import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data (agencies, localities and their populations), users, the append-only
 * audit log, idempotency keys and local calendar closures.
 */
export class Foundation1764201600000 implements MigrationInterface {
  name = 'Foundation1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        type        text NOT NULL CHECK (type IN ('school', 'health', 'police', 'childrens_centre',
                      'youth_service', 'voluntary', 'social_care', 'housing', 'other')),
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX agencies_name_key ON agencies (lower(name));
      CREATE INDEX agencies_list_idx ON agencies (name, id);

      CREATE TABLE localities (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        code        text NOT NULL,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX localities_code_key ON localities (lower(code));
      CREATE UNIQUE INDEX localities_name_key ON localities (lower(name));
      CREATE INDEX localities_list_idx ON localities (name, id);

      -- Mid-year population estimates by age band, for rates per 1,000 / 10,000 children.
      CREATE TABLE locality_populations (
        locality_id uuid NOT NULL REFERENCES localities (id),
        year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        age_band    text NOT NULL CHECK (age_band IN ('0-4', '5-9', '10-15', '16-17')),
        population  integer NOT NULL CHECK (population >= 0),
        PRIMARY KEY (locality_id, year, age_band)
      );

      CREATE TABLE users (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email                   text NOT NULL,
        display_name            text NOT NULL,
        role                    text NOT NULL CHECK (role IN ('practitioner', 'locality_manager',
                                  'social_care', 'performance_manager', 'admin')),
        agency_id               uuid NOT NULL REFERENCES agencies (id),
        manager_user_id         uuid REFERENCES users (id),
        active                  boolean NOT NULL DEFAULT true,
        password_hash           text NOT NULL,
        -- Carried in each token; bumped on deactivation or a password change so that
        -- tokens issued before stop working at once.
        token_version           integer NOT NULL DEFAULT 1,
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK (manager_user_id IS DISTINCT FROM id)
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
      CREATE INDEX users_list_idx ON users (display_name, id);
      CREATE INDEX users_manager_idx ON users (manager_user_id) WHERE manager_user_id IS NOT NULL;
      CREATE INDEX users_active_admin_idx ON users (role) WHERE active;

      CREATE TABLE user_localities (
        user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        locality_id uuid NOT NULL REFERENCES localities (id),
        PRIMARY KEY (user_id, locality_id)
      );
      CREATE INDEX user_localities_locality_idx ON user_localities (locality_id, user_id);

      -- Who did what, when, to which record and child, from which request (docs/domain.md#audit).
      CREATE TABLE audit_log (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        actor_user_id   uuid,
        action          text NOT NULL,
        entity_type     text NOT NULL,
        entity_id       text,
        child_id        uuid,
        request_id      text,
        ip              text,
        details         jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_log_child_idx ON audit_log (child_id, id) WHERE child_id IS NOT NULL;
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id);

      -- Append-only whichever role connects: PostgreSQL itself refuses changes and deletions.
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$;
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

      -- POST requests replayed with the same Idempotency-Key get the first response (docs/domain.md#records-and-versions).
      CREATE TABLE idempotency_keys (
        user_id         uuid NOT NULL REFERENCES users (id),
        key             text NOT NULL,
        request_hash    text NOT NULL,
        status_code     integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

      -- Local closure days: authority-wide (no locality) or for one locality.
      CREATE TABLE calendar_closures (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date            date NOT NULL,
        locality_id     uuid REFERENCES localities (id),
        reason          text NOT NULL,
        created_by      uuid REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX calendar_closures_date_locality_key
        ON calendar_closures (date, locality_id) NULLS NOT DISTINCT;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE calendar_closures;
      DROP TABLE idempotency_keys;
      DROP TRIGGER audit_log_no_truncate ON audit_log;
      DROP TRIGGER audit_log_no_update_delete ON audit_log;
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_refuse_change();
      DROP TABLE user_localities;
      DROP TABLE users;
      DROP TABLE locality_populations;
      DROP TABLE localities;
      DROP TABLE agencies;
    `);
  }
}
