import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { spendCredits } from '@/lib/billing/credits';
import { hit } from '@/lib/rate-limit';

export const dynamic = 'force-dynamic';

const Body = z.object({ amount: z.number().int().positive().max(1_000_000) });

/** Spends credits for the signed-in user. `Idempotency-Key` makes a retried request count once. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'sign in first' }, { status: 401 });
  const limit = await hit('creditSpendPerUser', user.id);
  if (!limit.ok) return Response.json({ error: 'too many requests' }, { status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds) } });
  const key = request.headers.get('idempotency-key');
  if (!key || key.length > 200) return Response.json({ error: 'an Idempotency-Key header is required' }, { status: 400 });
  const parsed = Body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  const result = await spendCredits({ userId: user.id, amount: parsed.data.amount, key });
  if (!result.ok) return Response.json({ error: 'not enough credits', balance: result.balance }, { status: 402 });
  return Response.json(result);
}
