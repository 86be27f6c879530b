// disable_license_keys (subject: a payment id, or `payment:key` for a key that arrived later): when the
// access a payment bought is revoked (refund, lost dispute), its licence keys are disabled at Dodo too,
// so the desktop app's own validation at Dodo stops accepting them; our rows follow Dodo's answer.
import { and, eq, ne } from 'drizzle-orm';
import { licenseKeys } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import type { FulfilmentHandler } from '../kinds';

export const disableLicenseKeys: FulfilmentHandler = async ({ fulfilment, db }) => {
  const [paymentId] = fulfilment.subjectId.split(':');
  const keys = await db.select().from(licenseKeys).where(and(eq(licenseKeys.paymentId, paymentId), ne(licenseKeys.status, 'disabled')));
  for (const key of keys) {
    const updated = await getDodo().licenseKeys.update(key.id, { disabled: true });
    await db.update(licenseKeys).set({ status: updated.status }).where(eq(licenseKeys.id, key.id));
  }
  return keys.length ? `disabled ${keys.length} licence key(s) of payment ${paymentId}` : `no enabled licence keys on payment ${paymentId}`;
};
