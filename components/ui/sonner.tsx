'use client';

import { useTheme } from 'next-themes';
import { Toaster as Sonner, type ToasterProps } from 'sonner';

/** Where toasts appear; follows the site's theme. */
export function Toaster(props: ToasterProps) {
  const { resolvedTheme } = useTheme();
  return <Sonner theme={resolvedTheme === 'dark' ? 'dark' : 'light'} richColors closeButton {...props} />;
}
