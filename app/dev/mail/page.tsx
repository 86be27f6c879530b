import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Inbox } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { isDevMailboxEnabled } from '@/lib/env';
import { listMailMessages } from '@/lib/mail/mailbox';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };

/** Every email the app sent while no SMTP server was configured (development, tests, e2e). */
export default async function DevMailboxPage() {
  if (!isDevMailboxEnabled()) notFound();
  const messages = await listMailMessages({ limit: 100 });
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Dev mailbox</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        Emails sent without <code>SMTP_URL</code> land here, newest first. Set <code>SMTP_URL</code> to send them for real.
      </p>
      {messages.length === 0 ? (
        <EmptyState role="status" className="mt-6" icon={<Inbox aria-hidden />} title="No emails yet">
          Buy a plan: the receipt, welcome and licence key emails appear here.
        </EmptyState>
      ) : (
        <ol aria-label="Emails" className="mt-6 space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <Card as="article" aria-labelledby={`${m.id}-subject`} className="p-4">
                <h2 id={`${m.id}-subject`} className="break-words text-lg font-semibold">
                  {m.subject}
                </h2>
                <DescriptionList className="mt-2 gap-x-3">
                  <dt>To</dt>
                  <dd className="break-all">{m.to}</dd>
                  <dt>From</dt>
                  <dd className="break-all">{m.from}</dd>
                  <dt>Sent</dt>
                  <dd>
                    <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                    {m.transport === 'smtp' ? ' (over SMTP)' : null}
                  </dd>
                </DescriptionList>
                {m.html && (
                  // sandbox="" : the message's HTML runs no script and cannot reach this page.
                  <iframe title={`Email: ${m.subject}`} sandbox="" srcDoc={m.html} className="mt-3 h-[480px] w-full rounded-lg border bg-white" />
                )}
                <details className="mt-3 text-sm" open={!m.html}>
                  <summary className="cursor-pointer text-primary">Plain text</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words font-sans">{m.text}</pre>
                </details>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
