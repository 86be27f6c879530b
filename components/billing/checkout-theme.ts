'use client';

import { useTheme } from 'next-themes';
import { CHECKOUT_THEMES, type CheckoutTheme } from '@/lib/billing/checkout-theme';

/** The theme the checkout should open in: the one picked with the header's toggle (light, dark or system). */
export function useCheckoutTheme(): CheckoutTheme {
  const { theme } = useTheme();
  return CHECKOUT_THEMES.find((t) => t === theme) ?? 'system';
}
