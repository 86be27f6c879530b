import { MailWarning } from 'lucide-react';
import { ActionForm } from '@/components/ui/action-form';
import { Alert } from '@/components/ui/alert';
import { resendVerificationAction } from '@/lib/auth/actions';
import type { CurrentUser } from '@/lib/auth/session';

/** Shown on every page to a signed-in user whose email is not verified yet: why it matters, and a new link. */
export function VerifyEmailNotice({ user }: { user: CurrentUser }) {
  if (user.emailVerified) return null;
  return (
    <section aria-label="Verify your email">
      <Alert variant="warning" className="rounded-none border-x-0 border-t-0">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
          <MailWarning aria-hidden className="size-4 shrink-0 text-warning" />
          <p className="min-w-0 flex-1">
            Confirm your email address to buy a plan: we sent a link to <strong className="break-all">{user.email}</strong>.
          </p>
          <ActionForm action={resendVerificationAction} label="Send a new link" pendingLabel="Sending…" className="flex flex-wrap items-center gap-2" />
        </div>
      </Alert>
    </section>
  );
}
