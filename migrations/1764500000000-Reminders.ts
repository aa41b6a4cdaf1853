import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and escalations (docs/domain.md#reminders-and-escalations): each stage is a row, written in the transaction of
 * the change that causes it; BullMQ only delivers. Notifications are unique per recipient,
 * subject and stage, so a retried or duplicated job never delivers twice.
 */
export class Reminders1764500000000 implements MigrationInterface {
  name = 'Reminders1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminders (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type        text NOT NULL CHECK (subject_type IN ('referral', 'initial_assessment', 'core_assessment', 'case', 'tac_meeting')),
        subject_id          uuid NOT NULL,
        child_id            uuid NOT NULL REFERENCES children (id),
        stage               text NOT NULL,
        type                text NOT NULL,
        recipient_user_id   uuid NOT NULL REFERENCES users (id),
        due_date            date,
        fire_at             timestamptz NOT NULL,
        state               text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'cancelled')),
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        delivered_at        timestamptz
      );
      CREATE UNIQUE INDEX reminders_one_pending ON reminders (recipient_user_id, subject_id, stage) WHERE state = 'pending';
      -- The sweep: pending stages due soon, by fire instant.
      CREATE INDEX reminders_pending_idx ON reminders (fire_at, id) WHERE state = 'pending';
      CREATE INDEX reminders_subject_idx ON reminders (subject_id, state);

      CREATE TABLE notifications (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id   uuid NOT NULL REFERENCES users (id),
        type                text NOT NULL,
        subject_type        text NOT NULL,
        subject_id          uuid NOT NULL,
        child_id            uuid NOT NULL REFERENCES children (id),
        stage               text NOT NULL,
        due_date            date,
        reminder_id         uuid REFERENCES reminders (id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        read_at             timestamptz,
        UNIQUE (recipient_user_id, subject_id, stage)
      );
      CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_id, created_at DESC, id DESC);
      CREATE INDEX notifications_unread_idx ON notifications (recipient_user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notifications;
      DROP TABLE reminders;
    `);
  }
}
