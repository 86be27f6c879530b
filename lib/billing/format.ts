// Formatting shared by server and client components (no database, no secrets).
export function formatPrice(cents: number, currency: string) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);
}

/** "Pro (yearly)", "Team (monthly)", "Lifetime licence": a plan's full name wherever the buyer reads it. */
export function planFullName(plan: { name: string; kind: string; interval: string | null }): string {
  if (plan.kind !== 'subscription' || !plan.interval) return plan.name;
  return `${plan.name} (${plan.interval === 'year' ? 'yearly' : 'monthly'})`;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "Jan 1, 2027": in UTC, so the server's render and the browser's agree. */
export function formatDate(date: Date | string) {
  return dateFormat.format(typeof date === 'string' ? new Date(date) : date);
}

/** A plan change as Dodo previews it: the charge now to the cent, then the new plan's price and renewal date. */
export function describePlanChange(p: { planName: string; chargeNowCents: number; currency: string; nextBillingDate: string; priceCents: number; interval: string | null }) {
  const now = p.chargeNowCents > 0 ? `charges ${formatPrice(p.chargeNowCents, p.currency)} now (prorated, tax included)` : 'charges nothing now';
  const every = p.interval === 'year' ? 'per year' : 'per month';
  return `Moving to ${p.planName} ${now}. Then ${formatPrice(p.priceCents, p.currency)} ${every} plus any tax; next renewal on ${formatDate(p.nextBillingDate)}.`;
}

/** What the return page says once a purchase is confirmed, and where the buyer uses it. */
export function purchaseSummary(plan: { name: string; kind: string; interval: string | null; credits: number; entitlements: string[]; trialDays: number }) {
  if (plan.kind === 'subscription') {
    const name = planFullName(plan);
    return {
      headline: plan.trialDays > 0 ? `Your ${plan.trialDays}-day trial of ${name} has started.` : `${name} is active on your account.`,
      useAt: { href: '/pro', label: 'Open the Pro dashboard' },
    };
  }
  if (plan.kind === 'credits') {
    return { headline: `${plan.credits.toLocaleString('en-US')} credits were added to your balance.`, useAt: { href: '/billing', label: 'See your credit balance' } };
  }
  if (plan.entitlements.includes('license')) {
    return { headline: `Your ${plan.name} is ready: the key arrives by email and on the licence page.`, useAt: { href: '/license', label: 'See your licence key' } };
  }
  return { headline: `${plan.name} is yours.`, useAt: { href: '/billing', label: 'See it on the billing page' } };
}

/** "WELCOME20 (20% off)": the codes Dodo applied to a payment, as the buyer and operators read them. */
export function describeDiscounts(discounts: { code: string; type: string; amount: number }[], currency: string): string {
  return discounts
    .map((d) => `${d.code} (${d.type === 'percentage' ? `${d.amount / 100}%` : formatPrice(d.amount, currency)} off)`)
    .join(', ');
}

/** What follows a trial, in the words the billing page and both trial emails use. */
export function trialTerms(plan: { name: string; kind: string; interval: string | null; priceCents: number; currency: string } | null, trialEndsAt: Date): string {
  const then = plan ? `then ${formatPrice(plan.priceCents, plan.currency)} ${plan.interval === 'year' ? 'per year' : 'per month'} for ${planFullName(plan)}` : 'then the plan’s price';
  return `Free until ${formatDate(trialEndsAt)}, ${then}, charged to the card you gave unless you cancel before.`;
}
