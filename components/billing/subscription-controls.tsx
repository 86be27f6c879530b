'use client';
// The buyer's subscription controls. Each is a form, so each works before (or without) JavaScript;
// after a change the server re-renders the billing page from the database.
import { useActionState } from 'react';
import { ActionForm } from '@/components/ui/action-form';
import { ActionMessage } from '@/components/ui/action-message';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { SubmitButton } from '@/components/ui/submit-button';
import {
  cancelNowAction,
  changePlanAction,
  customerPortalAction,
  paymentMethodUpdateAction,
  previewPlanChangeAction,
  setCancelAtPeriodEndAction,
} from '@/lib/billing/actions';
import { isLiveSubscription, type SubscriptionStatus } from '@/lib/billing/statuses';

type Props = {
  subscriptionId: string;
  planId: string | null;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  otherPlans: { id: string; label: string }[];
  /** A change already previewed on the server (the pricing page's "Change to …" lands here). */
  initialPlanChange?: PlanChangeQuote;
};

/** A previewed change, as the confirm form needs it: the plan, Dodo's amount due now, and the words shown. */
type PlanChangeQuote = { planId: string; planName: string; chargeNowCents: number; message: string };

export function SubscriptionControls({ subscriptionId, planId, status, cancelAtPeriodEnd, otherPlans, initialPlanChange }: Props) {
  // Kept here, not in ChangePlan: a plan change re-renders that form anew, and its answer must outlive it.
  const [change, changeAction] = useActionState(changePlanAction, null);
  if (!isLiveSubscription(status)) return null;
  const active = status === 'active';
  const fields = { subscriptionId };
  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-start gap-2">
        {/* One form that flips: its answer stays beside it after the page re-renders with the other label. */}
        {active && (
          <ActionForm className="flex flex-col gap-1"
            action={setCancelAtPeriodEndAction}
            fields={{ ...fields, cancel: String(!cancelAtPeriodEnd) }}
            label={cancelAtPeriodEnd ? 'Keep my subscription' : 'Cancel at period end'}
            pendingLabel="Saving…"
          />
        )}
        <ActionForm className="flex flex-col gap-1" action={cancelNowAction} fields={fields} label="Cancel now" pendingLabel="Cancelling…" variant="destructive" confirm="Cancel now? Access ends immediately." />
        <ActionForm className="flex flex-col gap-1" action={paymentMethodUpdateAction} fields={fields} label="Update payment method" pendingLabel="Opening Dodo…" />
        <ActionForm className="flex flex-col gap-1" action={customerPortalAction} fields={{}} label="Open customer portal" pendingLabel="Opening…" />
      </div>
      <p className="text-sm text-muted-foreground">
        Updating the payment method happens on Dodo Payments&apos; secure page.{' '}
        {active
          ? 'Dodo checks the new card with a $0 authorisation: nothing is charged, and you come back here.'
          : 'Dodo charges the overdue renewal to the new card, and you come back here.'}
      </p>
      {active && otherPlans.length > 0 && (
        <ChangePlan
          key={planId}
          subscriptionId={subscriptionId}
          otherPlans={otherPlans}
          changeAction={changeAction}
          // Proration moved since the preview: Dodo's new figure replaces the old one, to confirm again.
          repreview={change && !change.ok && 'repreview' in change ? change.repreview : undefined}
          initial={initialPlanChange}
        />
      )}
      {change && <ActionMessage state={change} />}
    </div>
  );
}

type ChangePlanProps = {
  subscriptionId: string;
  otherPlans: { id: string; label: string }[];
  changeAction: (form: FormData) => void;
  repreview?: PlanChangeQuote;
  initial?: PlanChangeQuote;
};

/** Pick a plan, see what moving costs now (Dodo's proration preview), then confirm that plan. */
function ChangePlan({ subscriptionId, otherPlans, changeAction, repreview, initial }: ChangePlanProps) {
  const [preview, previewAction] = useActionState(previewPlanChangeAction, null);
  const previewed = repreview ?? (preview ? (preview.ok ? preview : null) : initial);
  // The answer beside the form: the re-preview's figure, else this form's own answer, else the server's preview.
  const shown = repreview ? { ok: true as const, message: repreview.message } : (preview ?? (initial ? { ok: true as const, message: initial.message } : null));
  const selectId = `target-plan-${subscriptionId}`;
  return (
    <fieldset id="change-plan" className="space-y-3 rounded-lg border p-4">
      <legend className="px-1 text-sm font-medium">Change plan</legend>
      <form action={previewAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <div>
          <Label htmlFor={selectId}>New plan</Label>
          <NativeSelect id={selectId} name="planId" defaultValue={previewed?.planId ?? otherPlans[0]?.id} className="mt-1">
            {otherPlans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <SubmitButton variant="outline" pendingLabel="Previewing…">
          Preview change
        </SubmitButton>
      </form>
      {shown && <ActionMessage state={shown} toastOnSuccess={false} />}
      {previewed && (
        <form action={changeAction}>
          <input type="hidden" name="subscriptionId" value={subscriptionId} />
          <input type="hidden" name="planId" value={previewed.planId} />
          <input type="hidden" name="confirmedChargeCents" value={previewed.chargeNowCents} />
          <SubmitButton variant="outline" pendingLabel="Changing…">
            Confirm change to {previewed.planName}
          </SubmitButton>
        </form>
      )}
    </fieldset>
  );
}
