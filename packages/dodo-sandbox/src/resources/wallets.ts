// Customer wallets: `GET /customers/{id}/wallets`, `GET/POST /customers/{id}/wallets/ledger-entries`. Downgrade credits land
// here and later charges of the same currency spend them first.
import { z } from 'zod';
import type { CustomerWallet, WalletListResponse } from 'dodopayments/resources/customers/wallets/wallets';
import type { CustomerWalletTransaction } from 'dodopayments/resources/customers/wallets/ledger-entries';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { CURRENCIES } from '../core/enums';
import { parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { enumFilter, newestFirst, paginate } from '../core/pagination';
import { getCustomer } from './customers';

type Currency = CustomerWallet['currency'];

function wallet(core: SandboxCore, customerId: string, currency: Currency): CustomerWallet {
  const key = `${customerId}:${currency}`;
  const now = core.now();
  core.state.wallets[key] ??= { customer_id: customerId, currency, balance: 0, created_at: now, updated_at: now };
  return core.state.wallets[key];
}

export function walletBalance(core: SandboxCore, customerId: string, currency: string): number {
  return core.state.wallets[`${customerId}:${currency}`]?.balance ?? 0;
}

/** Moves `amount` (minor units, positive) into or out of the wallet and records the ledger entry. */
export function postWalletEntry(
  core: SandboxCore,
  input: { customer_id: string; currency: Currency; amount: number; is_credit: boolean; event_type: CustomerWalletTransaction['event_type']; reason?: string | null; reference_object_id?: string | null },
): CustomerWallet {
  const target = wallet(core, input.customer_id, input.currency);
  const before = target.balance;
  const after = input.is_credit ? before + input.amount : before - input.amount;
  if (after < 0) throw new SandboxError(422, 'INSUFFICIENT_WALLET_BALANCE', `The ${input.currency} wallet holds ${before}, less than ${input.amount}`);
  target.balance = after;
  target.updated_at = core.now();
  core.state.wallet_ledger.push({
    id: newId(ID_PREFIX.walletEntry),
    business_id: core.state.business_id,
    created_at: target.updated_at,
    customer_id: input.customer_id,
    currency: input.currency,
    amount: input.amount,
    before_balance: before,
    after_balance: after,
    is_credit: input.is_credit,
    event_type: input.event_type,
    reason: input.reason ?? null,
    reference_object_id: input.reference_object_id ?? null,
  });
  return target;
}

/** Spends wallet credit on a charge of `amount`; returns what was taken (0 when the wallet is empty). */
export function spendWalletCredit(core: SandboxCore, customerId: string, currency: string, amount: number, referenceId: string): number {
  const spend = Math.min(amount, walletBalance(core, customerId, currency));
  if (spend > 0) {
    postWalletEntry(core, { customer_id: customerId, currency: currency as Currency, amount: spend, is_credit: false, event_type: 'payment', reason: 'Applied to a charge', reference_object_id: referenceId });
  }
  return spend;
}

const ledgerEntryCreateSchema = z.object({
  amount: z.number().int().positive(),
  currency: z.enum(CURRENCIES),
  entry_type: z.enum(['credit', 'debit']),
  idempotency_key: z.string().nullish(),
  reason: z.string().nullish(),
});

export function registerWalletRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/customers/:id/wallets', ({ params }): WalletListResponse => {
      getCustomer(core, params.id);
      const items = Object.values(core.state.wallets).filter((w) => w.customer_id === params.id);
      return { items, total_balance_usd: items.filter((w) => w.currency === 'USD').reduce((sum, w) => sum + w.balance, 0) };
    })
    .get('/customers/:id/wallets/ledger-entries', ({ params, query }) => {
      getCustomer(core, params.id);
      const currency = enumFilter(query, 'currency', CURRENCIES);
      const entries = newestFirst(core.state.wallet_ledger.filter((e) => e.customer_id === params.id && (!currency || e.currency === currency)));
      return paginate(entries, query);
    })
    .post('/customers/:id/wallets/ledger-entries', ({ params, body }): CustomerWallet => {
      getCustomer(core, params.id);
      const input = parseBody(ledgerEntryCreateSchema, body);
      const idempotencyKey = input.idempotency_key ? `${params.id}:${input.idempotency_key}` : null;
      const replayed = idempotencyKey ? core.state.wallet_ledger.find((e) => e.id === core.state.wallet_idempotency_keys[idempotencyKey]) : undefined;
      if (replayed) return wallet(core, params.id, replayed.currency);
      const updated = postWalletEntry(core, {
        customer_id: params.id,
        currency: input.currency,
        amount: input.amount,
        is_credit: input.entry_type === 'credit',
        event_type: 'merchant_adjustment',
        reason: input.reason ?? null,
      });
      if (idempotencyKey) core.state.wallet_idempotency_keys[idempotencyKey] = (core.state.wallet_ledger.at(-1) as { id: string }).id;
      return updated;
    });
}
