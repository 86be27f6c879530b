import type { Metadata } from 'next';
import Link from 'next/link';
import { TextLink } from '@/components/ui/text-link';
import { ArrowRight, BadgeCheck, Coins, KeyRound, LayoutDashboard, ShieldCheck, Users } from 'lucide-react';
import { BuyButton } from '@/components/billing/buy-button';
import { PlanCard } from '@/components/billing/plan-card';
import { Faq } from '@/components/marketing/faq';
import { Button } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/auth/session';
import { BILLING_FAQ } from '@/lib/billing/faq';
import { listActivePlans } from '@/lib/billing/plans';
import { Card } from '@/components/ui/card';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Dodo SaaS Starter: sell subscriptions, licences and credits' } };

const FEATURES = [
  { Icon: LayoutDashboard, title: 'Pro dashboard', text: 'Unlock the Pro workspace with a monthly or yearly plan, and switch between them whenever you like.' },
  { Icon: Users, title: 'Built for teams', text: 'The Team plan adds seats and a shared workspace, with a 14-day free trial.' },
  { Icon: KeyRound, title: 'Desktop licence', text: 'Pay once for the desktop app and get a licence key by email, ready to activate.' },
  { Icon: Coins, title: 'Prepaid credits', text: 'Top up API credits that never expire, and spend them as you go.' },
  { Icon: ShieldCheck, title: 'Secure checkout', text: 'Pay without leaving the page. Dodo Payments handles cards, local methods and sales tax.' },
  { Icon: BadgeCheck, title: 'Self-serve billing', text: 'Change plan, update your card or cancel from the billing page, with every payment listed.' },
];

export default async function HomePage() {
  const [plans, user] = await Promise.all([listActivePlans(), getCurrentUser()]);
  const shown = plans.filter((plan) => plan.kind !== 'subscription' || plan.interval === 'month');
  return (
    <main>
      <section aria-labelledby="hero-heading" className="border-b bg-gradient-to-b from-accent/60 to-background">
        <div className="mx-auto max-w-6xl px-4 py-20 text-center sm:py-28">
          <h1 id="hero-heading" className="mx-auto max-w-3xl text-4xl font-bold tracking-tight text-balance sm:text-5xl">
            The tools your team ships with, paid for in one click
          </h1>
          <p className="mx-auto mt-5 max-w-2xl text-lg text-muted-foreground text-balance">
            Start with Pro, bring your team, or buy the desktop app once. Access arrives the moment your payment is confirmed.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <Button asChild size="lg">
              <Link href={user ? '/dashboard' : '/sign-up'}>
                {user ? 'Open your dashboard' : 'Get started'}
                <ArrowRight aria-hidden />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/pricing">See pricing</Link>
            </Button>
          </div>
        </div>
      </section>

      <section id="features" aria-labelledby="features-heading" className="mx-auto max-w-6xl scroll-mt-20 px-4 py-20">
        <h2 id="features-heading" className="text-center text-3xl font-bold tracking-tight">
          What you get
        </h2>
        <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map(({ Icon, title, text }) => (
            <Card as="li" key={title}>
              <Icon aria-hidden className="size-6 text-primary" />
              <h3 className="mt-4 font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </Card>
          ))}
        </ul>
      </section>

      <section id="plans" aria-labelledby="plans-heading" className="border-y bg-muted/40">
        <div className="mx-auto max-w-6xl scroll-mt-20 px-4 py-20">
          <h2 id="plans-heading" className="text-center text-3xl font-bold tracking-tight">
            Simple pricing
          </h2>
          <p className="mt-3 text-center text-muted-foreground">
            Monthly prices shown; yearly plans save two months on the{' '}
            <TextLink href="/pricing?interval=year">pricing page</TextLink>
            .
          </p>
          <ul aria-label="Plans" className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {shown.map((plan) => (
              <PlanCard key={plan.id} plan={plan}>
                {user ? (
                  <BuyButton planId={plan.id} label={`Buy ${plan.name}`} display="overlay" />
                ) : (
                  <Button asChild variant="outline" className="w-full">
                    <Link href={`/sign-up?${new URLSearchParams({ callbackUrl: `/pricing?plan=${plan.id}` })}`}>Get {plan.name}</Link>
                  </Button>
                )}
              </PlanCard>
            ))}
          </ul>
        </div>
      </section>

      <section id="faq" aria-labelledby="faq-heading" className="mx-auto max-w-3xl scroll-mt-20 px-4 py-20">
        <h2 id="faq-heading" className="text-center text-3xl font-bold tracking-tight">
          Questions
        </h2>
        <div className="mt-10">
          <Faq headingId="faq-heading" items={[...BILLING_FAQ]} />
        </div>
      </section>
    </main>
  );
}
