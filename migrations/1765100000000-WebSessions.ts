import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's server-side sessions (express-session with connect-pg-simple, which reads and
 * writes sid, sess and expire). Kept in PostgreSQL, not Redis, so that a Redis flush signs
 * nobody out. `user_id` is derived from the session so that deactivating a user (or changing
 * their password) can delete their sessions in the same transaction.
 */
export class WebSessions1765100000000 implements MigrationInterface {
  name = 'WebSessions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_sessions (
        sid varchar PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL,
        user_id text GENERATED ALWAYS AS (sess #>> '{user,id}') STORED
      );
      CREATE INDEX web_sessions_expire ON web_sessions (expire);
      CREATE INDEX web_sessions_user ON web_sessions (user_id) WHERE user_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_sessions`);
  }
}
