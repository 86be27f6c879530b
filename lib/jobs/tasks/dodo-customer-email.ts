// dodo_customer_email (subject: `<user id>:<change id>`): after an email change, the Dodo customer gets
// the account's address too, so Dodo's own receipts and portal links reach the mailbox we verified.
// It sends whatever the address is when it runs, so a retry or a late run after a second change still
// ends with Dodo holding the current one.
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { MissingSubjectError, type FulfilmentHandler } from '../kinds';

export const syncDodoCustomerEmail: FulfilmentHandler = async ({ fulfilment, db }) => {
  const [userId] = fulfilment.subjectId.split(':');
  const [user] = await db.select({ email: users.email, customerId: users.dodoCustomerId }).from(users).where(eq(users.id, userId));
  if (!user) throw new MissingSubjectError(`user ${userId}`);
  if (!user.email) return `skipped: the account of ${userId} was deleted`;
  if (!user.customerId) return `skipped: ${userId} has no Dodo customer yet (one is made with this address)`;
  const customer = await getDodo().customers.update(user.customerId, { email: user.email });
  return `Dodo customer ${customer.customer_id} now has ${customer.email}`;
};
