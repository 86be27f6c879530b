// Tax by billing country and line pricing: the sandbox's stand-in for Dodo's merchant-of-record tax engine.
import type { Price, Product } from 'dodopayments/resources/products/products';
import type { TimeInterval } from 'dodopayments/resources/subscriptions';
import type { PaymentLineItem } from './state';

/** Tax rates in percent by ISO country; every other country pays 0 %. Documented in sandbox/README.md. */
export const TAX_RATE_PERCENT: Readonly<Record<string, number>> = {
  US: 0,
  IN: 18,
  GB: 20,
  DE: 19,
  FR: 20,
  NL: 21,
  ES: 21,
  IT: 22,
  AU: 10,
  CA: 5,
  JP: 10,
  SG: 9,
};

export function taxRatePercent(country: string | null | undefined): number {
  return TAX_RATE_PERCENT[(country ?? '').toUpperCase()] ?? 0;
}

export function isRecurringPrice(price: Price): price is Price.RecurringPrice {
  return price.type === 'recurring_price';
}

/** The product's unit price in minor units (usage-based products bill their fixed price). */
export function unitPrice(price: Price): number {
  return price.type === 'usage_based_price' ? price.fixed_price : price.price;
}

/** Prices a line: tax-exclusive prices get tax added, tax-inclusive ones have it carved out. */
export function priceLine(product: Product, quantity: number, grossUnitPrice: number, country: string | null | undefined): PaymentLineItem {
  const rate = taxRatePercent(country) / 100;
  const gross = grossUnitPrice * quantity;
  const taxInclusive = product.price.tax_inclusive === true;
  const tax = taxInclusive ? gross - Math.round(gross / (1 + rate)) : Math.round(gross * rate);
  return {
    items_id: product.product_id,
    name: product.name ?? product.product_id,
    description: product.description ?? null,
    quantity,
    amount: taxInclusive ? gross - tax : gross,
    tax,
  };
}

export function lineTotal(line: PaymentLineItem): number {
  return line.amount + line.tax;
}

/** Adds `count` intervals to an ISO date, clamping month ends (Jan 31 + 1 month = Feb 28/29). */
export function addInterval(iso: string, interval: TimeInterval, count: number): string {
  const date = new Date(iso);
  if (interval === 'Day') date.setUTCDate(date.getUTCDate() + count);
  else if (interval === 'Week') date.setUTCDate(date.getUTCDate() + 7 * count);
  else {
    const months = interval === 'Month' ? count : 12 * count;
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  return date.toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}
