import { getCurrentUser } from '@/lib/auth/session';
import { getCreditBalance } from '@/lib/billing/account';
import { listEntitlements } from '@/lib/billing/entitlements';

export const dynamic = 'force-dynamic';

/** The signed-in user's usable entitlements and credit balance, from the database only. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'sign in first' }, { status: 401 });
  const [entitlements, credits] = await Promise.all([listEntitlements(user.id), getCreditBalance(user.id)]);
  return Response.json(
    { userId: user.id, entitlements: entitlements.map(({ key, status, validUntil }) => ({ key, status, validUntil })), credits },
    { headers: { 'cache-control': 'no-store' } },
  );
}
