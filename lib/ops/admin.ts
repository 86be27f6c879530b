import 'server-only';
// Who is an operator: the signed-in users whose email is in ADMIN_EMAILS. Everyone else (and every
// signed-out visitor) gets a 404 on /admin and on every admin action and route, as if it did not exist.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { isAdminEmail } from './admin-emails';

/** The signed-in operator, or null. */
export async function getAdmin(): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  return user && isAdminEmail(user.email) ? user : null;
}

/** The signed-in operator; anyone else gets the 404 page (no redirect to sign-in: /admin does not exist for them). */
export async function requireAdmin(): Promise<CurrentUser> {
  const admin = await getAdmin();
  if (!admin) notFound();
  return admin;
}

/** What an admin form action answers; shown beside the form. */
export type AdminActionState = { ok: boolean; message: string } | null;

/**
 * An admin server action for `useActionState`: 404 unless an operator calls it, then the form's
 * fields validated with zod.
 */
export function adminAction<S extends z.ZodType>(schema: S, run: (input: z.infer<S>, admin: CurrentUser) => Promise<AdminActionState>) {
  return async (_previous: AdminActionState, form: FormData): Promise<AdminActionState> => {
    const admin = await requireAdmin();
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
    return run(parsed.data, admin);
  };
}
