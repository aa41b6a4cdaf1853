import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database';

export interface StoredRequest {
  requestHash: string;
  statusCode: number | null;
  responseBody: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /** Claims the key for this request; false when another request holds it already. */
  async claim(userId: string, key: string, requestHash: string): Promise<boolean> {
    return this.db.read(async (sql) => {
      const inserted = await sql.exec(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO NOTHING`,
        [userId, key, requestHash],
      );
      return inserted === 1;
    });
  }

  async find(userId: string, key: string): Promise<StoredRequest | undefined> {
    return this.db.read((sql) =>
      sql.one<StoredRequest>(
        `SELECT request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody"
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      ),
    );
  }

  async complete(userId: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.db.read((sql) =>
      sql.exec(
        `UPDATE idempotency_keys SET status_code = $3, response_body = $4, completed_at = now()
         WHERE user_id = $1 AND key = $2`,
        [userId, key, statusCode, JSON.stringify(body ?? null)],
      ),
    );
  }

  /** Frees the key after a failed request, so that the caller can retry with it. */
  async release(userId: string, key: string): Promise<void> {
    await this.db.read((sql) =>
      sql.exec(
        'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL',
        [userId, key],
      ),
    );
  }
}
