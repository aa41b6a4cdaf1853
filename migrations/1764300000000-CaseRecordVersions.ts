import { MigrationInterface, QueryRunner } from 'typeorm';

/** Consent records, TAC memberships and lead professional appointments change too: give them versions. */
export class CaseRecordVersions1764300000000 implements MigrationInterface {
  name = 'CaseRecordVersions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consents ADD COLUMN version integer NOT NULL DEFAULT 1;
      ALTER TABLE tac_members ADD COLUMN version integer NOT NULL DEFAULT 1;
      ALTER TABLE tac_members ADD COLUMN left_reason text;
      ALTER TABLE lead_professionals ADD COLUMN version integer NOT NULL DEFAULT 1;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lead_professionals DROP COLUMN version;
      ALTER TABLE tac_members DROP COLUMN left_reason;
      ALTER TABLE tac_members DROP COLUMN version;
      ALTER TABLE consents DROP COLUMN version;
    `);
  }
}
