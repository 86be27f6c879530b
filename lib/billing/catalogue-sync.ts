// Makes every active plan exist as a Dodo product and records its id. Safe to run any number of times.
import { eq } from 'drizzle-orm';
import type DodoPayments from 'dodopayments';
import { NotFoundError } from 'dodopayments';
import type { Executor } from '@/db';
import { plans, type Plan } from '@/db/schema';

type ProductCreate = Parameters<DodoPayments['products']['create']>[0];

export function productFor(plan: Plan): ProductCreate {
  const currency = plan.currency as ProductCreate['price']['currency'];
  const price: ProductCreate['price'] =
    plan.kind === 'subscription'
      ? {
          type: 'recurring_price',
          price: plan.priceCents,
          currency,
          discount: 0,
          purchasing_power_parity: false,
          payment_frequency_count: 1,
          payment_frequency_interval: plan.interval === 'year' ? 'Year' : 'Month',
          subscription_period_count: plan.interval === 'year' ? 10 : 120,
          subscription_period_interval: plan.interval === 'year' ? 'Year' : 'Month',
          trial_period_days: plan.trialDays,
        }
      : { type: 'one_time_price', price: plan.priceCents, currency, discount: 0, purchasing_power_parity: false };
  return {
    name: plan.interval ? `${plan.name} (${plan.interval === 'year' ? 'yearly' : 'monthly'})` : plan.name,
    description: plan.description,
    tax_category: 'saas',
    price,
    metadata: { plan_id: plan.id },
    ...(plan.issuesLicenseKey ? { license_key_enabled: true, license_key_activations_limit: 3 } : {}),
  };
}

export type SyncReport = { created: string[]; kept: string[] };

export async function syncCatalogueToDodo(db: Executor, client: DodoPayments): Promise<SyncReport> {
  const report: SyncReport = { created: [], kept: [] };
  const rows = await db.select().from(plans).where(eq(plans.active, true));
  for (const plan of rows) {
    if (plan.dodoProductId && (await productExists(client, plan.dodoProductId))) {
      report.kept.push(plan.id);
      continue;
    }
    const product = await client.products.create(productFor(plan));
    await db.update(plans).set({ dodoProductId: product.product_id }).where(eq(plans.id, plan.id));
    report.created.push(plan.id);
  }
  return report;
}

async function productExists(client: DodoPayments, productId: string) {
  try {
    await client.products.retrieve(productId);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}
