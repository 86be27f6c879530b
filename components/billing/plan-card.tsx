import { Check } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';
import type { Plan } from '@/db/schema';
import { formatPrice } from '@/lib/billing/format';
import { intervalLabel, MOST_POPULAR_PLAN_NAME } from '@/lib/billing/plans';
import { Card } from '@/components/ui/card';

type Props = { plan: Plan; current?: boolean; highlighted?: boolean; headingLevel?: 'h2' | 'h3'; children: React.ReactNode };

/** One plan in a price list (a list item): name, marks, price, features, then the caller's buy control. */
export function PlanCard({ plan, current = false, highlighted = false, headingLevel: Heading = 'h3', children }: Props) {
  const popular = plan.name === MOST_POPULAR_PLAN_NAME;
  return (
    <Card as="li" aria-label={plan.name} className={cn('relative flex flex-col', popular && 'border-primary/60', highlighted && 'ring-2 ring-ring')}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <Heading className="text-lg font-semibold">{plan.name}</Heading>
        <div className="flex flex-wrap gap-1">
          {popular && <Badge variant="default">Most popular</Badge>}
          {current && <Badge variant="success">Current plan</Badge>}
        </div>
      </div>
      <p className="mt-1 text-sm text-muted-foreground">{plan.description}</p>
      <p className="mt-4 text-3xl font-bold tracking-tight">
        {formatPrice(plan.priceCents, plan.currency)} <span className="text-sm font-normal text-muted-foreground">{intervalLabel(plan)}</span>
      </p>
      <ul className="mt-4 flex-1 space-y-2 text-sm">
        {plan.features.map((feature) => (
          <li key={feature} className="flex gap-2">
            <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
            {feature}
          </li>
        ))}
      </ul>
      <div className="mt-6">{children}</div>
    </Card>
  );
}
