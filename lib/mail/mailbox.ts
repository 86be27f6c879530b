// Reading the dev mailbox: what the app "sent" while no SMTP server was configured.
import { desc } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { mailMessages, type MailMessage } from '@/db/schema';

export async function listMailMessages(opts: { limit?: number; db?: Executor } = {}): Promise<MailMessage[]> {
  const db = opts.db ?? getDb();
  return db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt), desc(mailMessages.id)).limit(opts.limit ?? 100);
}
