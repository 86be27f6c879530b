// Dodo-style ids: a resource prefix and 21 random alphanumerics (e.g. `pay_2IjeQm4hqU6RA4Z4kwDee`).
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const ID_PREFIX = {
  business: 'bus_',
  brand: 'bnd_',
  checkoutSession: 'cks_',
  payment: 'pay_',
  subscription: 'sub_',
  customer: 'cus_',
  product: 'pdt_',
  refund: 'ref_',
  dispute: 'dsc_',
  licenseKey: 'lic_',
  licenseKeyInstance: 'lki_',
  paymentMethod: 'pm_',
  webhookEndpoint: 'ep_',
  webhookMessage: 'msg_',
  invoice: 'inv_',
  portalSession: 'cps_',
  walletEntry: 'cwt_',
  meter: 'mtr_',
  addon: 'adn_',
  discount: 'dis_',
} as const;

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function newId(prefix: (typeof ID_PREFIX)[keyof typeof ID_PREFIX]): string {
  return prefix + randomChars(21);
}
