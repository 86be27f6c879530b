'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { CreditCard, LayoutDashboard, LogOut, UserCog } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import type { FormAction } from '@/lib/define-action';

const SIGN_OUT_FORM = 'sign-out-form';

/** The signed-in user's menu; Sign out submits a real form (a server action) kept outside the menu's portal. */
export function AccountMenu({ email, signOut }: { email: string; signOut: FormAction }) {
  const signOutForm = useRef<HTMLFormElement>(null);
  const [, signOutFormAction] = useActionState(signOut, null);
  return (
    <>
      <form ref={signOutForm} id={SIGN_OUT_FORM} action={signOutFormAction} hidden />
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="max-w-[44vw] px-2 sm:max-w-64 sm:px-3" aria-label={`Account menu, signed in as ${email}`}>
            <span aria-hidden className="grid size-6 shrink-0 place-items-center rounded-full bg-primary text-xs font-semibold uppercase text-primary-foreground">
              {email[0]}
            </span>
            <span className="hidden truncate sm:inline">{email}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel title={email}>{email}</DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/dashboard">
              <LayoutDashboard aria-hidden />
              Dashboard
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/billing">
              <CreditCard aria-hidden />
              Billing
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/account">
              <UserCog aria-hidden />
              Account settings
            </Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          {/* The menu closes (and unmounts the item) before a click would submit, so selecting submits the form. */}
          <DropdownMenuItem asChild onSelect={() => signOutForm.current?.requestSubmit()}>
            <button type="submit" form={SIGN_OUT_FORM} className="w-full">
              <LogOut aria-hidden />
              Sign out
            </button>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
