// Entitlements: the only thing pages, actions and routes ask to decide access.
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { entitlements, workspaceMembers, workspaces, type Entitlement, type EntitlementSource } from '@/db/schema';
import type { AccessDecision } from './access-policy';

/** The source of the entitlements a subscription or a one-time payment grants. */
export const entitlementSource = {
  subscription: (subscriptionId: string) => `subscription:${subscriptionId}` as const,
  payment: (paymentId: string) => `payment:${paymentId}` as const,
} satisfies Record<string, (id: string) => EntitlementSource>;

/** What granted an entitlement, or null for a string that is not a source. */
export function parseEntitlementSource(source: string): { kind: keyof typeof entitlementSource; id: string } | null {
  const [kind, id] = source.split(/:(.*)/s);
  return (kind === 'subscription' || kind === 'payment') && id ? { kind, id } : null;
}

const usable = () =>
  and(inArray(entitlements.status, ['active', 'grace']), or(isNull(entitlements.validUntil), gt(entitlements.validUntil, sql`now()`)));

/**
 * Who is asking: a user alone, or a user in a workspace. A team workspace shares what its Team
 * subscription grants with its current members; a user alone counts every workspace they are in.
 */
export type EntitlementSubject = string | { userId: string; workspaceId: string | null };

/**
 * May this subject use `key` right now? Reads only the database. Personal grants (Pro, a licence)
 * count for their buyer; a subscription bound to a team workspace counts only through membership, so
 * removing a member or the subscription ending revokes it for everyone.
 */
export async function hasEntitlement(subject: EntitlementSubject, key: string, db: Executor = getDb()): Promise<boolean> {
  const { userId, workspaceId } = typeof subject === 'string' ? { userId: subject, workspaceId: undefined } : subject;
  const subscriptionPrefix = entitlementSource.subscription('');
  const teamSource = sql`substr(${entitlements.source}, ${subscriptionPrefix.length + 1})`;
  const inWorkspace = workspaceId === undefined ? sql`` : sql`and w.id = ${workspaceId}`;
  const rows = await db
    .select({ id: entitlements.id })
    .from(entitlements)
    .where(
      and(
        eq(entitlements.key, key),
        usable(),
        or(
          and(
            eq(entitlements.userId, userId),
            sql`not exists (select 1 from ${workspaces} w where w.subscription_id = ${teamSource} and ${entitlements.source} like ${`${subscriptionPrefix}%`})`,
          ),
          sql`exists (select 1 from ${workspaces} w join ${workspaceMembers} m on m.workspace_id = w.id and m.user_id = ${userId}
                      where ${entitlements.source} = ${subscriptionPrefix} || w.subscription_id ${inWorkspace})`,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Does this source (one subscription or payment) grant `key` right now, whoever holds it? */
export async function sourceGrants(source: EntitlementSource, key: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .select({ id: entitlements.id })
    .from(entitlements)
    .where(and(eq(entitlements.source, source), eq(entitlements.key, key), usable()))
    .limit(1);
  return rows.length > 0;
}

export type EntitlementView = Pick<Entitlement, 'key' | 'status' | 'validUntil' | 'source'>;

/** The user's usable entitlements (one per key, the longest-lasting first). */
export async function listEntitlements(userId: string, db: Executor = getDb()): Promise<EntitlementView[]> {
  const rows = await db
    .select({ key: entitlements.key, status: entitlements.status, validUntil: entitlements.validUntil, source: entitlements.source })
    .from(entitlements)
    .where(and(eq(entitlements.userId, userId), usable()))
    .orderBy(entitlements.key, sql`${entitlements.validUntil} desc nulls first`);
  const byKey = new Map<string, EntitlementView>();
  for (const row of rows) if (!byKey.has(row.key)) byKey.set(row.key, row);
  return [...byKey.values()];
}

/**
 * Makes the entitlements granted by one source (a subscription or a payment) match a decision:
 * `keys` get the decision's status; keys this source granted before but no longer grants are revoked.
 * One statement: it runs inside every webhook's transaction.
 */
export async function setSourceEntitlements(
  tx: Executor,
  input: { userId: string; source: EntitlementSource; keys: string[]; decision: AccessDecision },
) {
  const { userId, source, keys, decision } = input;
  const validUntil = decision.validUntil?.toISOString() ?? null;
  const rows = keys.map(
    (key) => sql`(gen_random_uuid()::text, ${userId}, ${key}, ${source}, ${decision.status}::entitlement_status, ${validUntil}::timestamptz, ${decision.reason})`,
  );
  const keep = keys.length ? sql`and key not in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})` : sql``;
  const upsert = keys.length
    ? sql`with granted as (
        insert into ${entitlements} (id, user_id, key, source, status, valid_until, reason)
        values ${sql.join(rows, sql`, `)}
        on conflict (user_id, key, source) do update
        set status = excluded.status, valid_until = excluded.valid_until, reason = excluded.reason, updated_at = now()
      ) `
    : sql``;
  await tx.execute(sql`${upsert}
    update ${entitlements} set status = 'revoked', reason = 'no longer part of the plan', updated_at = now()
    where user_id = ${userId} and source = ${source} and status <> 'revoked' ${keep}`);
}
