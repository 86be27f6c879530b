'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import {
  cancelNowAction,
  changePlanAction,
  customerPortalAction,
  paymentMethodUpdateAction,
  previewPlanChangeAction,
  setCancelAtPeriodEndAction,
} from '@/app/(app)/billing/actions';
import { formatPrice } from '@/lib/billing/format';
import { isLiveSubscription, type SubscriptionStatus } from '@/lib/billing/statuses';

type Result = { ok: true; message?: string; url?: string } | { ok: false; error: string };

const buttonClass = 'rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60';

/** Runs a billing action, shows its message, and re-renders the page from the database. */
function useBillingAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = (action: () => Promise<Result>) =>
    startTransition(async () => {
      setMessage(null);
      const result = await action();
      if (!result.ok) return setMessage({ kind: 'error', text: result.error });
      if (result.url) return window.location.assign(result.url);
      if (result.message) setMessage({ kind: 'ok', text: result.message });
      router.refresh();
    });
  const feedback = message && (
    <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-sm ${message.kind === 'error' ? 'text-red-700' : 'text-emerald-800'}`}>
      {message.text}
    </p>
  );
  return { pending, run, feedback };
}

type Props = {
  subscriptionId: string;
  planId: string | null;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  otherPlans: { id: string; label: string }[];
};

export function SubscriptionControls({ subscriptionId, planId, status, cancelAtPeriodEnd, otherPlans }: Props) {
  const { pending, run, feedback } = useBillingAction();
  if (!isLiveSubscription(status)) return feedback;

  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap gap-2">
        {status === 'active' &&
          (cancelAtPeriodEnd ? (
            <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => setCancelAtPeriodEndAction({ subscriptionId, cancel: false }))}>
              Keep my subscription
            </button>
          ) : (
            <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => setCancelAtPeriodEndAction({ subscriptionId, cancel: true }))}>
              Cancel at period end
            </button>
          ))}
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          onClick={() => {
            if (window.confirm('Cancel now? Access ends immediately.')) run(() => cancelNowAction({ subscriptionId }));
          }}
        >
          Cancel now
        </button>
        <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => paymentMethodUpdateAction({ subscriptionId }))}>
          Update payment method
        </button>
        <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => customerPortalAction({}))}>
          Open customer portal
        </button>
      </div>

      {status === 'active' && otherPlans.length > 0 && (
        <ChangePlan key={planId} subscriptionId={subscriptionId} otherPlans={otherPlans} pending={pending} run={run} />
      )}
      {feedback}
    </div>
  );
}

type ChangePlanProps = {
  subscriptionId: string;
  otherPlans: { id: string; label: string }[];
  pending: boolean;
  run: (action: () => Promise<Result>) => void;
};

/** Pick a plan, see what moving costs now (Dodo's proration preview), then confirm. */
function ChangePlan({ subscriptionId, otherPlans, pending, run }: ChangePlanProps) {
  const [target, setTarget] = useState(otherPlans[0]?.id ?? '');
  const [preview, setPreview] = useState<string | null>(null);
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Change plan</legend>
      <label htmlFor="target-plan" className="block text-sm">
        New plan
      </label>
      <select
        id="target-plan"
        value={target}
        onChange={(e) => {
          setTarget(e.target.value);
          setPreview(null);
        }}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm sm:w-auto"
      >
        {otherPlans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={pending || !target}
          onClick={() =>
            run(async () => {
              const result = await previewPlanChangeAction({ subscriptionId, planId: target });
              if (result.ok && 'chargeNowCents' in result) {
                setPreview(`Moving to ${result.planName} charges ${formatPrice(result.chargeNowCents, result.currency)} now (prorated).`);
                return { ok: true };
              }
              return result.ok ? { ok: true } : result;
            })
          }
        >
          Preview change
        </button>
        {preview && (
          <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => changePlanAction({ subscriptionId, planId: target }))}>
            Confirm change
          </button>
        )}
      </div>
      {preview && (
        <p role="status" className="text-sm text-slate-700">
          {preview}
        </p>
      )}
    </fieldset>
  );
}
