// The checkout page's colours: the buyer's choice on our site, else their system's (Dodo's `customization.theme`).
export const CHECKOUT_THEMES = ['light', 'dark', 'system'] as const;
export type CheckoutTheme = (typeof CHECKOUT_THEMES)[number];
