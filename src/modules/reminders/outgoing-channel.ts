import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Settings } from '../../config/settings';

/** What leaves the system about a notification: never a child's name or details. */
export interface OutgoingMessage {
  to: string;
  type: string;
  subjectType: string;
  subjectId: string;
  dueDate: string | null;
}

const SUBJECT_PATHS: Record<string, string> = {
  referral: 'referrals',
  initial_assessment: 'initial-assessments',
  core_assessment: 'core-assessments',
  case: 'cases',
  tac_meeting: 'cases',
};

/** The outgoing channel behind an interface (docs/domain.md#reminders-and-escalations): email via SMTP when configured. */
export abstract class OutgoingChannel {
  /** Whether messages go anywhere (so that the handler need not look up addresses for nothing). */
  abstract readonly enabled: boolean;
  abstract send(message: OutgoingMessage): Promise<void>;
}

/** The message text: the type, the due date and a link to the record, nothing else. */
export function emailFor(
  message: OutgoingMessage,
  publicUrl: string,
): { subject: string; text: string } {
  const what = message.type.replace(/_/g, ' ');
  const link = `${publicUrl}/api/v1/${SUBJECT_PATHS[message.subjectType] ?? message.subjectType}/${message.subjectId}`;
  const lines = [`You have a new reminder in Continuum: ${what}.`];
  if (message.dueDate) lines.push(`Due date: ${message.dueDate}.`);
  lines.push(
    `Open the record (sign-in required): ${link}`,
    '',
    'This message holds no details of the child; they are in Continuum.',
  );
  return { subject: `Continuum: ${what}`, text: lines.join('\n') };
}

@Injectable()
export class EmailChannel extends OutgoingChannel implements OnApplicationShutdown {
  private readonly logger = new Logger('EmailChannel');
  private readonly transport: Transporter | undefined;

  constructor(private readonly settings: Settings) {
    super();
    this.transport = settings.env.smtpUrl ? createTransport(settings.env.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (!this.transport) return;
    const { subject, text } = emailFor(message, this.settings.env.publicUrl);
    try {
      await this.transport.sendMail({
        from: this.settings.env.smtpFrom,
        to: message.to,
        subject,
        text,
      });
    } catch (error) {
      // The in-app notification is already delivered; email is a courtesy copy.
      this.logger.warn(
        `Email for a ${message.type} notification not sent: ${error instanceof Error ? error.message : 'error'}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
