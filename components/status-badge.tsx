import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { labelOf } from '@/lib/labels';

const TONES: Record<string, BadgeVariant> = {
  active: 'success',
  trialing: 'success',
  succeeded: 'success',
  paid: 'success',
  completed: 'success',
  dispute_won: 'success',
  grace: 'warning',
  on_hold: 'warning',
  past_due: 'warning',
  pending: 'warning',
  processing: 'warning',
  paused: 'warning',
  review: 'warning',
  dispute_opened: 'warning',
  requires_customer_action: 'warning',
  requires_payment_method: 'warning',
  failed: 'destructive',
  dead: 'destructive',
  cancelled: 'destructive',
  expired: 'destructive',
  disabled: 'destructive',
  revoked: 'destructive',
  dispute_lost: 'destructive',
};

/** The one badge for any stored status (subscription, payment, licence key, job, entitlement): colour by meaning. */
export function StatusBadge({ status, label, ...props }: { status: string; label?: string; 'data-testid'?: string }) {
  return (
    <Badge variant={TONES[status] ?? 'secondary'} {...props}>
      {label ?? labelOf(status)}
    </Badge>
  );
}
