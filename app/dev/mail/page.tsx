import { notFound } from 'next/navigation';
import { isDevMailboxEnabled } from '@/lib/env';
import { listMailMessages } from '@/lib/mail/mailbox';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Dev mailbox', robots: { index: false } };

/** Every email the app sent while no SMTP server was configured (development, tests, e2e). */
export default async function DevMailboxPage() {
  if (!isDevMailboxEnabled()) notFound();
  const messages = await listMailMessages({ limit: 100 });
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        Emails sent without <code>SMTP_URL</code> land here, newest first. Set <code>SMTP_URL</code> to send them for real.
      </p>
      {messages.length === 0 ? (
        <p role="status" className="mt-6">
          No emails yet.
        </p>
      ) : (
        <ol aria-label="Emails" className="mt-6 space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <article aria-labelledby={`${m.id}-subject`} className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id={`${m.id}-subject`} className="text-lg font-semibold break-words">
                  {m.subject}
                </h2>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-500">To</dt>
                  <dd className="break-all">{m.to}</dd>
                  <dt className="text-slate-500">From</dt>
                  <dd className="break-all">{m.from}</dd>
                  <dt className="text-slate-500">Sent</dt>
                  <dd>
                    <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                    {m.transport === 'smtp' ? ' (over SMTP)' : null}
                  </dd>
                </dl>
                <pre className="mt-3 font-sans text-sm whitespace-pre-wrap break-words">{m.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
