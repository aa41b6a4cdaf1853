import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import { reminderQueue, remindersSettled } from './support/reminder-queue';
import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback, started by the test: no mock of the channel. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        // Undo quoted-printable soft line breaks and escapes, to read the text as sent.
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

describe('reminder email through a real SMTP server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: TestUser;
  let manager: TestUser;
  let referrer: TestUser;
  let east: string;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      RUN_WORKER: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      PUBLIC_URL: 'https://continuum.example.gov.uk',
    });
    queue = reminderQueue(t);
    const team = await createTeam(t);
    east = team.localityId;
    referrer = team.localityManager;
    manager = team.socialCareManager;
    worker = team.socialCare;
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('emails each notification once, with the type, the due date and a link, and no child data', async () => {
    const http = (user: TestUser) => ({
      post: (url: string, body: object) =>
        t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
    });
    const child = await http(referrer)
      .post('/api/v1/children', {
        givenName: 'Peregrine',
        familyName: 'Quillfeather',
        dateOfBirth: '2006-06-06',
        gender: 'male',
        localityId: east,
        postcode: 'LS1 4AP',
      })
      .expect(201);
    const referral = await http(referrer)
      .post('/api/v1/referrals', {
        childId: child.body.id,
        referredAt: '2014-02-03',
        source: 'school',
        reason: 'Bruising noticed by teacher',
      })
      .expect(201);
    await http(worker)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: '2014-02-03',
      })
      .expect(200);
    const ia = await http(worker)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: worker.id,
      })
      .expect(201);

    const deadline = Date.now() + 20_000;
    const about = () => smtp.received.filter((m) => m.raw.includes(ia.body.id));
    while (about().length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    // Every stage delivered (each job sends its email before it completes): nothing more comes.
    await remindersSettled(t, queue, [ia.body.id as string]);
    const mails = about();
    expect(mails.map((m) => m.to).sort()).toEqual([[manager.email], [worker.email]].sort());
    const toWorker = mails.find((m) => m.to.includes(worker.email))!;
    expect(toWorker.raw).toContain('Subject: Continuum: initial assessment due');
    expect(toWorker.raw).toContain('Due date: 2014-02-12.');
    expect(toWorker.raw).toContain(
      `https://continuum.example.gov.uk/api/v1/initial-assessments/${ia.body.id}`,
    );
    for (const mail of mails) {
      for (const secret of [
        'Peregrine',
        'Quillfeather',
        'LS1 4AP',
        '2006-06-06',
        'Bruising',
        child.body.id,
      ]) {
        expect(mail.raw).not.toContain(secret);
      }
    }
  });
});
