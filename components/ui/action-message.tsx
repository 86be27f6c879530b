import type { ActionState } from '@/lib/define-action';

/** What a form's action answered, beside the form: a status when it worked, an alert when it did not. */
export function ActionMessage({ state, className = '' }: { state: ActionState; className?: string }) {
  const failed = state?.ok === false;
  const text = state ? (state.ok ? state.message : state.error) : undefined;
  return (
    <p role={failed ? 'alert' : 'status'} className={`text-sm ${failed ? 'text-red-700' : 'text-emerald-800'} ${className}`.trim()}>
      {text ?? ''}
    </p>
  );
}
