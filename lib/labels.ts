// Words for display from the machine names stored and sent by Dodo (`license_key`, `dispute_lost`).

/** `license_key` → `license key`, `requires_payment_method` → `requires payment method`. */
export function labelOf(name: string): string {
  return name.replaceAll('_', ' ');
}

const ENTITLEMENT_LABELS: Record<string, string> = {
  pro: 'Pro dashboard',
  team: 'Team workspace',
  license: 'Desktop app licence',
  credits: 'API credits',
};

/** What an entitlement key (`pro`, `license`) unlocks, in the customer's words. */
export function entitlementLabel(key: string): string {
  return ENTITLEMENT_LABELS[key] ?? labelOf(key);
}
