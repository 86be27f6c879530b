// sendMail against a real PostgreSQL: once per idempotency key, into the dev mailbox or over SMTP.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailMessages } from '@/db/schema';
import { closeDb, db } from '@/test/fixtures';
import { isDevMailboxEnabled, mailConfig } from '@/lib/env';
import { listMailMessages } from './mailbox';
import { sendMail } from './send';

afterAll(closeDb);

const mailbox = { smtpUrl: null, from: 'Shop <shop@example.com>' };

function mail(key: string, to = `buyer-${randomUUID()}@example.com`) {
  return { to, subject: 'Your receipt', text: 'Thank you.', idempotencyKey: key };
}

describe('sendMail to the dev mailbox', () => {
  it('stores one message for one idempotency key, however often it is sent', async () => {
    const key = `test:${randomUUID()}`;
    const first = await sendMail(mail(key), { db: db(), config: mailbox });
    const second = await sendMail({ ...mail(key), subject: 'changed' }, { db: db(), config: mailbox });
    const concurrent = await Promise.all([1, 2, 3].map(() => sendMail(mail(key), { db: db(), config: mailbox })));

    expect(first.sent).toBe(true);
    expect(second).toEqual({ messageId: first.messageId, sent: false });
    expect(concurrent.every((r) => r.messageId === first.messageId && !r.sent)).toBe(true);
    const rows = await db().select().from(mailMessages).where(eq(mailMessages.idempotencyKey, key));
    expect(rows).toMatchObject([{ subject: 'Your receipt', from: 'Shop <shop@example.com>', transport: 'mailbox', status: 'sent' }]);
  });

  it('lists messages newest first', async () => {
    const older = await sendMail(mail(`test:${randomUUID()}`), { db: db(), config: mailbox });
    const newer = await sendMail(mail(`test:${randomUUID()}`), { db: db(), config: mailbox });
    const ids = (await listMailMessages({ db: db(), limit: 500 })).map((m) => m.id);
    expect(ids.indexOf(newer.messageId)).toBeLessThan(ids.indexOf(older.messageId));
  });
});

describe('sendMail over SMTP', () => {
  let server: Server;
  let smtpUrl: string;
  const delivered: string[] = [];

  // Just enough of an SMTP server to accept messages and keep their DATA.
  beforeAll(async () => {
    server = createServer((socket) => {
      let inData = false;
      let data = '';
      let buffered = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffered += chunk.toString();
        let eol: number;
        while ((eol = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, eol);
          buffered = buffered.slice(eol + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              delivered.push(data);
              data = '';
              socket.write('250 queued\r\n');
            } else data += `${line}\n`;
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
          else if (/^DATA/i.test(line)) {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('hands the message to the SMTP server once and records it as sent', async () => {
    const key = `test:${randomUUID()}`;
    const config = { smtpUrl, from: 'Shop <shop@example.com>' };
    const message = mail(key);
    await sendMail(message, { db: db(), config });
    const again = await sendMail(message, { db: db(), config });

    expect(again.sent).toBe(false);
    const copies = delivered.filter((d) => d.includes(`To: ${message.to}`));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toContain('Subject: Your receipt');
    expect(copies[0]).toMatch(/Message-ID: <[0-9a-f]{32}@example\.com>/);
    const [row] = await db().select().from(mailMessages).where(eq(mailMessages.idempotencyKey, key));
    expect(row).toMatchObject({ transport: 'smtp', status: 'sent' });
    expect(row.sentAt).not.toBeNull();
  });
});

describe('mail configuration', () => {
  it('names a malformed SMTP_URL', () => {
    expect(() => mailConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must be an smtp:\/\//);
    expect(mailConfig({})).toMatchObject({ smtpUrl: null });
  });

  it('opens the dev mailbox outside production, and in production only with DEV_MAILBOX=1', () => {
    expect(isDevMailboxEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(isDevMailboxEnabled({ NODE_ENV: 'test' })).toBe(true);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production', DEV_MAILBOX: '1' })).toBe(true);
  });
});
