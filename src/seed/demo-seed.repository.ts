import type { Sql } from '../database/database';

/** The audit action of the seed's last step: its presence says the demo is complete. */
export const DEMO_SEEDED_ACTION = 'demo.seeded';

/** What the demo seed asks of the database before it writes, and its "complete" marker. */
export class DemoSeedRepository {
  /** Whether a run of the seed finished: its last step wrote the marker. */
  async isComplete(sql: Sql): Promise<boolean> {
    const row = await sql.one<{ done: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = $1) AS done`,
      [DEMO_SEEDED_ACTION],
    );
    return row?.done ?? false;
  }

  /**
   * The records already there that the demo would create (each name is unique, so the seed
   * would stop at the first): localities by name or code, agencies by name, users by email.
   */
  async inTheWay(
    sql: Sql,
    wanted: {
      localityNames: string[];
      localityCodes: string[];
      agencyNames: string[];
      emails: string[];
    },
  ): Promise<string[]> {
    const rows = await sql.rows<{ what: string }>(
      `SELECT 'locality "' || name || '" (code ' || code || ')' AS what FROM localities
         WHERE lower(name) = ANY ($1) OR lower(code) = ANY ($2)
       UNION ALL
       SELECT 'agency "' || name || '"' FROM agencies WHERE lower(name) = ANY ($3)
       UNION ALL
       SELECT 'user ' || email FROM users WHERE lower(email) = ANY ($4)
       ORDER BY 1`,
      [
        wanted.localityNames.map((n) => n.toLowerCase()),
        wanted.localityCodes.map((c) => c.toLowerCase()),
        wanted.agencyNames.map((n) => n.toLowerCase()),
        wanted.emails.map((e) => e.toLowerCase()),
      ],
    );
    return rows.map((row) => row.what);
  }
}
