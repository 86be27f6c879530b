import Link from 'next/link';
import { VerifyEmailNotice } from '@/components/account/verify-email-notice';
import { WorkspaceSwitcher } from '@/components/teams/workspace-switcher';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/auth/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { isOperator } from '@/lib/ops/admin';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';
import { AccountMenu } from './account-menu';
import { Logo } from './logo';
import { NavLinks, type NavLink } from './nav-links';
import { ThemeToggle } from './theme-toggle';

/** The bar on every page: one row at any width; signed in, it lists what the account can open. */
export async function SiteHeader() {
  const user = await getCurrentUser();
  const workspaces = user ? await getActiveWorkspace(user.id) : null;
  const links: NavLink[] = user
    ? [
        { href: '/dashboard', label: 'Dashboard' },
        { href: '/pro', label: 'Pro' },
        { href: '/license', label: 'Licence' },
        { href: '/billing', label: 'Billing' },
        { href: '/workspace', label: 'Workspace' },
        ...(isOperator(user) ? [{ href: '/admin', label: 'Admin' }] : []),
      ]
    : [{ href: '/pricing', label: 'Pricing' }];
  return (
    <>
      <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
        <nav aria-label="Main" className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4">
          {/* On a narrow phone the name is only read out, so the link keeps its name and the row its width. */}
          <Logo href={user ? '/dashboard' : '/'} className="mr-2 [&>span]:sr-only min-[420px]:[&>span]:not-sr-only" />
          <NavLinks links={links} />
          <div className="ml-auto flex items-center gap-1.5">
            {/* Only with a workspace to switch to; below lg it lives on /workspace (the header stays one row). */}
            {workspaces && workspaces.workspaces.length > 1 && (
              <div className="hidden lg:block">
                <WorkspaceSwitcher active={workspaces.active} workspaces={workspaces.workspaces} />
              </div>
            )}
            <ThemeToggle />
            {user ? (
              <AccountMenu email={user.email} signOut={signOutAction} />
            ) : (
              <>
                <Button asChild variant="ghost">
                  <Link href="/sign-in">Sign in</Link>
                </Button>
                <Button asChild>
                  <Link href="/sign-up">Sign up</Link>
                </Button>
              </>
            )}
          </div>
        </nav>
      </header>
      {user && <VerifyEmailNotice user={user} />}
    </>
  );
}
