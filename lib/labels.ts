// Words for display from the machine names stored and sent by Dodo (`license_key`, `dispute_lost`).

/** `license_key` → `license key`, `requires_payment_method` → `requires payment method`. */
export function labelOf(name: string): string {
  return name.replaceAll('_', ' ');
}
