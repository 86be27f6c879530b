import type { Metadata, Viewport } from 'next';
import { SiteFooter } from '@/components/layout/site-footer';
import { NoScriptStreaming } from '@/components/layout/page-skeleton';
import { SiteHeader } from '@/components/layout/site-header';
import { ThemeProvider } from '@/components/layout/theme-provider';
import { Toaster } from '@/components/ui/sonner';
import { readGivenEnv } from '@/lib/env';
import './globals.css';

const description = 'Sell subscriptions, licences and credits through Dodo Payments: checkout, billing, licence keys and an operator console, ready to fork.';

/** Link previews need absolute image URLs: they start with APP_URL (Next falls back to localhost without it). */
export function generateMetadata(): Metadata {
  const { APP_URL } = readGivenEnv(['APP_URL']);
  return { ...siteMetadata, metadataBase: APP_URL ? new URL(APP_URL) : undefined };
}

const siteMetadata: Metadata = {
  title: { default: 'Dodo SaaS Starter', template: '%s · Dodo SaaS Starter' },
  description,
  applicationName: 'Dodo SaaS Starter',
  openGraph: { type: 'website', siteName: 'Dodo SaaS Starter', title: 'Dodo SaaS Starter', description },
  twitter: { card: 'summary_large_image', title: 'Dodo SaaS Starter', description },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#141726' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // next-themes sets the theme class on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-screen flex-col">
        <NoScriptStreaming />
        <ThemeProvider>
          <SiteHeader />
          <div data-page-content className="flex-1">
            {children}
          </div>
          <SiteFooter />
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
