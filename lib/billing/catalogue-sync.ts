// Makes every active add-on exist at Dodo (`/addons`) and every active plan a Dodo product offering its
// add-ons, and records their ids. Safe to run any number of times.
import { eq } from 'drizzle-orm';
import type DodoPayments from 'dodopayments';
import { NotFoundError } from 'dodopayments';
import type { Executor } from '@/db';
import { addons, plans, type Addon, type Plan } from '@/db/schema';

type ProductCreate = Parameters<DodoPayments['products']['create']>[0];

type AddonCreate = Parameters<DodoPayments['addons']['create']>[0];

export function addonFor(addon: Addon): AddonCreate {
  return { name: addon.name, description: addon.description, price: addon.priceCents, currency: addon.currency as AddonCreate['currency'], tax_category: 'saas' };
}

/** `dodoAddonIds`: the Dodo ids of the add-ons the plan sells (its seat add-on). */
export function productFor(plan: Plan, dodoAddonIds: string[] = []): ProductCreate {
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
    ...(dodoAddonIds.length ? { addons: dodoAddonIds } : {}),
    ...(plan.issuesLicenseKey ? { license_key_enabled: true, license_key_activations_limit: 3 } : {}),
  };
}

export type SyncReport = { created: string[]; kept: string[] };

export async function syncCatalogueToDodo(db: Executor, client: DodoPayments): Promise<SyncReport> {
  const report: SyncReport = { created: [], kept: [] };
  const dodoAddonIds = new Map<string, string>();
  for (const addon of await db.select().from(addons).where(eq(addons.active, true))) {
    if (addon.dodoAddonId && (await exists(() => client.addons.retrieve(addon.dodoAddonId!)))) {
      report.kept.push(addon.id);
    } else {
      const created = await client.addons.create(addonFor(addon));
      await db.update(addons).set({ dodoAddonId: created.id }).where(eq(addons.id, addon.id));
      addon.dodoAddonId = created.id;
      report.created.push(addon.id);
    }
    dodoAddonIds.set(addon.id, addon.dodoAddonId!);
  }
  const rows = await db.select().from(plans).where(eq(plans.active, true));
  for (const plan of rows) {
    const offered = plan.seatAddonId && dodoAddonIds.has(plan.seatAddonId) ? [dodoAddonIds.get(plan.seatAddonId)!] : [];
    const existing = plan.dodoProductId ? await exists(() => client.products.retrieve(plan.dodoProductId!)) : null;
    if (existing) {
      // A product synced before its plan sold add-ons is told to offer them (Dodo refuses add-ons a product does not list).
      if (offered.some((id) => !(existing.addons ?? []).includes(id))) {
        await client.products.update(existing.product_id, { addons: [...new Set([...(existing.addons ?? []), ...offered])] });
      }
      report.kept.push(plan.id);
      continue;
    }
    const product = await client.products.create(productFor(plan, offered));
    await db.update(plans).set({ dodoProductId: product.product_id }).where(eq(plans.id, plan.id));
    report.created.push(plan.id);
  }
  return report;
}

/** The object, or null when Dodo no longer has it (another account or mode, or deleted). */
async function exists<T>(retrieve: () => Promise<T>): Promise<T | null> {
  try {
    return await retrieve();
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
