import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { VerifyEmailNotice } from '@/components/account/verify-email-notice';
import { ActionForm } from '@/components/ui/action-form';
import { signOutAction } from '@/lib/auth/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { isOperator } from '@/lib/ops/admin';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';
import { WorkspaceSwitcher } from '@/components/teams/workspace-switcher';

const linkClassName = 'rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900';

/** The bar on every page: where to go, and who is signed in. */
export async function SiteHeader() {
  const user = await getCurrentUser();
  const workspaces = user ? await getActiveWorkspace(user.id) : null;
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-3">
          <ul className="flex flex-wrap items-center gap-1">
            <li>
              <Link href="/" className={linkClassName}>
                Home
              </Link>
            </li>
            <li>
              <Link href="/pricing" className={linkClassName}>
                Pricing
              </Link>
            </li>
            {user && (
              <li>
                <Link href="/billing" className={linkClassName}>
                  Billing
                </Link>
              </li>
            )}
            {user && (
              <li>
                <Link href="/workspace" className={linkClassName}>
                  Workspace
                </Link>
              </li>
            )}
            {user && isOperator(user) && (
              <li>
                <Link href="/admin" className={linkClassName}>
                  Admin
                </Link>
              </li>
            )}
          </ul>
          <div className="ml-auto flex min-w-0 items-center justify-end gap-2">
            {user ? (
              <>
                {workspaces && <WorkspaceSwitcher active={workspaces.active} workspaces={workspaces.workspaces} />}
                <Link href="/account" aria-label={`Account: ${user.email}`} className="max-w-[11rem] truncate text-sm text-slate-600 underline-offset-2 hover:underline sm:max-w-[16rem]" title={`Account settings for ${user.email}`}>
                  {user.email}
                </Link>
                <ActionForm action={signOutAction} label="Sign out" pendingLabel="Signing out…" className="" />
              </>
            ) : (
              <>
                <Link href="/sign-in" className={buttonClassName('ghost')}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonClassName('primary')}>
                  Sign up
                </Link>
              </>
            )}
          </div>
        </nav>
      </header>
      {user && <VerifyEmailNotice user={user} />}
    </>
  );
}
