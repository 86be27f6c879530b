'use client';
// Buy or release seats: pick a number, see Dodo's proration preview, then confirm that number for that amount.
// One action answers both steps, so the newest answer (a quote to confirm, or the outcome) is what shows.
import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SubmitButton } from '@/components/ui/submit-button';
import { changeSeatsAction } from '@/lib/teams/actions';

type Props = { workspaceId: string; paid: number; included: number };

export function SeatsPanel({ workspaceId, paid, included }: Props) {
  const [answer, dispatch] = useActionState(changeSeatsAction, null);
  const quote = answer && 'quote' in answer ? answer.quote : null;
  return (
    <div className="space-y-2">
      <form action={dispatch} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="step" value="preview" />
        <div className="w-32">
          <Label htmlFor="seat-count">Seats</Label>
          <Input id="seat-count" name="seats" type="number" min={included} defaultValue={paid + 1} required />
        </div>
        <SubmitButton variant="outline" pendingLabel="Previewing…">
          Preview seat change
        </SubmitButton>
      </form>
      {/* A quote is not a result: only the outcome of a confirmed change is also toasted. */}
      {answer && <ActionMessage state={answer} toastOnSuccess={!quote} />}
      {quote && (
        <form action={dispatch}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="step" value="confirm" />
          <input type="hidden" name="seats" value={quote.seats} />
          <input type="hidden" name="confirmedChargeCents" value={quote.chargeNowCents} />
          {answer?.ok === false && <p className="mb-2 text-sm text-muted-foreground">{quote.message}</p>}
          <SubmitButton pendingLabel="Changing seats…">
            Confirm {quote.seats} seats
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
