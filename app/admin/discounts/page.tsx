import type { Metadata } from 'next';
import { TicketPercent } from 'lucide-react';
import { StatusBadge } from '@/components/status-badge';
import { ActionForm } from '@/components/ui/action-form';
import { Card, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Cell, Row, Table } from '@/components/ui/table';
import { listDiscounts } from '@/lib/billing/discounts';
import { formatDate, planFullName } from '@/lib/billing/format';
import { listActivePlans } from '@/lib/billing/plans';
import { requireAdmin } from '@/lib/ops/admin';
import { createDiscountAction, disableDiscountAction } from '@/lib/ops/actions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Discount codes', robots: { index: false } };

export default async function DiscountsPage() {
  await requireAdmin();
  const [discounts, plans] = await Promise.all([listDiscounts(), listActivePlans()]);
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Discount codes</h1>
      <p className="text-sm text-muted-foreground">
        Codes live at Dodo. Buyers enter one on the pricing page; it is checked before the checkout starts and applied by Dodo to the first payment
        (renewals are at full price). Only percentage codes: Dodo&apos;s webhook schema in <code>@dodopayments/core</code> knows no fixed-amount discount on a payment.
      </p>

      <Card as="section" aria-labelledby="new-discount">
        <CardTitle id="new-discount">New code</CardTitle>
        <ActionForm action={createDiscountAction} label="Create code" pendingLabel="Creating…" variant="default" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <Label htmlFor="discount-code">Code</Label>
            <Input id="discount-code" name="code" required autoComplete="off" pattern="[A-Za-z0-9_\-]{3,32}" />
          </div>
          <div className="w-28">
            <Label htmlFor="discount-percent">Percent off</Label>
            <Input id="discount-percent" name="percentOff" type="number" min="0.01" max="100" step="0.01" required />
          </div>
          <div>
            <Label htmlFor="discount-expires">Expires (UTC, optional)</Label>
            <Input id="discount-expires" name="expiresAt" type="datetime-local" />
          </div>
          <div className="w-32">
            <Label htmlFor="discount-limit">Usage limit (optional)</Label>
            <Input id="discount-limit" name="usageLimit" type="number" min="1" step="1" />
          </div>
          <fieldset className="basis-full">
            <legend className="text-sm font-medium">Only for these plans (none ticked: every plan)</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {plans
                .filter((p) => p.dodoProductId)
                .map((p) => (
                  <label key={p.id} className="flex items-center gap-1">
                    <input type="checkbox" name={`plan:${p.id}`} value="on" className="size-4 accent-primary" /> {planFullName(p)}
                  </label>
                ))}
            </div>
          </fieldset>
        </ActionForm>
      </Card>

      <Card as="section" aria-labelledby="codes-heading">
        <CardTitle id="codes-heading">Codes</CardTitle>
        {discounts.length ? (
          <div className="mt-3">
            <Table caption="Discount codes" columns={['Code', 'Off', 'Used', 'Expires', 'Plans', 'State', '']}>
              {discounts.map((d) => (
                <Row key={d.id} data-testid="discount-row">
                  <Cell className="font-mono">{d.code}</Cell>
                  <Cell>{d.percentOff}%</Cell>
                  <Cell>
                    {d.timesUsed}
                    {d.usageLimit != null && ` of ${d.usageLimit}`}
                  </Cell>
                  <Cell>{d.expiresAt ? formatDate(d.expiresAt) : 'never'}</Cell>
                  <Cell>{d.plans.length ? d.plans.join(', ') : 'every plan'}</Cell>
                  <Cell>
                    <StatusBadge status={d.state} />
                  </Cell>
                  <Cell>
                    {d.state !== 'disabled' && d.state !== 'expired' && (
                      <ActionForm
                        action={disableDiscountAction}
                        fields={{ discountId: d.id }}
                        label="Disable"
                        ariaLabel={`Disable ${d.code}`}
                        pendingLabel="Disabling…"
                        variant="destructive"
                        confirm={`Disable ${d.code}? Checkouts stop accepting it at once.`}
                      />
                    )}
                  </Cell>
                </Row>
              ))}
            </Table>
          </div>
        ) : (
          <EmptyState className="mt-3" icon={<TicketPercent aria-hidden />} title="No codes yet">
            Create one above; buyers enter it on the pricing page.
          </EmptyState>
        )}
      </Card>
    </main>
  );
}
