import 'server-only';
// The one way to write a server action: the form validated with zod, the caller loaded (and their
// role checked), one result shape for `useActionState`, and one place where errors become that shape.
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { isOperator } from '@/lib/ops/admin';
import { recordOperatorAction } from '@/lib/ops/operators';

/** What every action answers on failure. `values` echoes what was typed (never a password) so the form keeps it. */
export type ActionFailure = { ok: false; error: string; field?: string; values?: Record<string, string> };

/** What every action answers: a success may carry a message and data of its own. */
export type ActionResult = { ok: true; message?: string } | ActionFailure;

/** `useActionState`'s state: null before the form was first sent. */
export type ActionState<R extends ActionResult = ActionResult> = R | ActionFailure | null;

/** A server action built here, as `useActionState` takes it (it never answers null; the type is the hook's state). */
export type FormAction<R extends ActionResult = ActionResult> = (previous: ActionState, form: FormData) => Promise<ActionState<R>>;

/** A refusal the caller should read (a taken plan, an unknown subscription); any other error is a 500. */
export class ActionError extends Error {}

/** Who may call: anyone (the user may be null), a signed-in user, or an operator (404 for anyone else). */
type Caller = { anonymous: CurrentUser | null; user: CurrentUser; operator: CurrentUser };

type Config<S extends z.ZodType, A extends keyof Caller> = {
  access: A;
  input: S;
  /** Where a signed-out caller of a user action comes back to after signing in. */
  returnTo?: string;
} & (A extends 'operator'
  ? {
      /** Every operator action is recorded (who, when, on what, how it went) and shown in the timeline. */
      audit: (input: z.infer<S>) => { action: string; subjectId?: string | null };
    }
  : { audit?: never });

async function loadCaller<A extends keyof Caller>(access: A, returnTo: string): Promise<Caller[A]> {
  const user = await getCurrentUser();
  if (access === 'anonymous') return user as Caller[A];
  if (access === 'operator') {
    // An admin action does not exist for anyone else, exactly like the admin pages.
    if (!user || !isOperator(user)) notFound();
    return user as Caller[A];
  }
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: safeCallbackPath(returnTo) })}`);
  return user as Caller[A];
}

/** The form's text fields; Next's own `$ACTION_…` fields and files are not input. */
function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string' && !key.startsWith('$ACTION')) fields[key] = value;
  return fields;
}

function echoed(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !/password/i.test(key)));
}

export function defineAction<S extends z.ZodType<object>, A extends keyof Caller, R extends ActionResult>(
  config: Config<S, A>,
  run: (ctx: { input: z.infer<S>; user: Caller[A] }) => Promise<R>,
): FormAction<R> {
  return async (_previous, form) => {
    const user = await loadCaller(config.access, config.returnTo ?? '/');
    const fields = formFields(form);
    const parsed = config.input.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: issue.message, field: issue.path.map(String).join('.') || undefined, values: echoed(fields) };
    }
    const audit = config.audit?.(parsed.data);
    const record = (ok: boolean, detail?: string) =>
      audit && user ? recordOperatorAction({ actor: user.email, action: audit.action, subjectId: audit.subjectId, ok, detail }) : undefined;
    let result: R | ActionFailure;
    try {
      result = await run({ input: parsed.data, user });
    } catch (err) {
      // Next's redirect() and notFound() are thrown too: only a real error is an action that failed.
      if (!(err instanceof ActionError)) {
        if (!isNavigation(err)) await record(false, (err as Error).message);
        throw err;
      }
      result = { ok: false, error: err.message, values: echoed(fields) };
    }
    await record(result.ok, result.ok ? result.message : result.error);
    return result;
  };
}

function isNavigation(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}
