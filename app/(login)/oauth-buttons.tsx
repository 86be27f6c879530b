import { SubmitButton } from '@/components/ui/submit-button';
import { configuredOAuthProviders } from '@/lib/auth/providers';
import { env } from '@/lib/env';
import { signInWithProviderAction } from './actions';

/** "Continue with GitHub / Google", one form each, only for the providers that are configured. */
export function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const providers = configuredOAuthProviders(env());
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-3">
      <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
        or
      </p>
      {providers.map(({ id, name }) => (
        <form key={id} action={signInWithProviderAction}>
          <input type="hidden" name="provider" value={id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <SubmitButton variant="secondary" className="w-full" pendingLabel={`Redirecting to ${name}…`}>
            Continue with {name}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
