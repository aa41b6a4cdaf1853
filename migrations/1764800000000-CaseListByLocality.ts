import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A locality manager's case list (GET /cases, newest first, keyset pages) at scale: by locality
 * then recency, so a page is an index range instead of a scan and sort of the locality's cases
 * (bench:reads). The existing (locality_id, status, created_at, id) index serves status filters.
 */
export class CaseListByLocality1764800000000 implements MigrationInterface {
  name = 'CaseListByLocality1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX cases_locality_recent_idx ON cases (locality_id, created_at DESC, id DESC)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cases_locality_recent_idx');
  }
}
