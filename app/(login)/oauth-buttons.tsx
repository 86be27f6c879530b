import { ActionForm } from '@/components/ui/action-form';
import { configuredOAuthProviders } from '@/lib/auth/providers';
import { signInWithProviderAction } from '@/lib/auth/actions';
import { env } from '@/lib/env';

/** "Continue with GitHub / Google", one form each, only for the providers that are configured. */
export function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const providers = configuredOAuthProviders(env());
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-3">
      <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted-foreground before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
        or
      </p>
      {providers.map(({ id, name }) => (
        <ActionForm
          key={id}
          action={signInWithProviderAction}
          fields={{ provider: id, callbackUrl }}
          label={`Continue with ${name}`}
          pendingLabel={`Redirecting to ${name}…`}
          className=""
          buttonClassName="w-full"
        />
      ))}
    </div>
  );
}
