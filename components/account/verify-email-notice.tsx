import { ActionForm } from '@/components/ui/action-form';
import { resendVerificationAction } from '@/lib/auth/actions';
import type { CurrentUser } from '@/lib/auth/session';

/** Shown on every page to a signed-in user whose email is not verified yet: why it matters, and a new link. */
export function VerifyEmailNotice({ user }: { user: CurrentUser }) {
  if (user.emailVerified) return null;
  return (
    <section aria-label="Verify your email" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm text-amber-900">
        <p>
          Confirm your email address to buy a plan: we sent a link to <strong className="break-all">{user.email}</strong>.
        </p>
        <ActionForm action={resendVerificationAction} label="Send a new link" pendingLabel="Sending…" className="flex flex-wrap items-center gap-2" />
      </div>
    </section>
  );
}
