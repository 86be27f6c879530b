import { switchWorkspaceAction } from '@/lib/teams/actions';
import type { WorkspaceSummary } from '@/lib/teams/workspaces';
import { SubmitButton } from '@/components/ui/submit-button';

/** The header's workspace switcher: a plain form (a select and a button), so it works without JavaScript. */
export function WorkspaceSwitcher({ active, workspaces }: { active: WorkspaceSummary; workspaces: WorkspaceSummary[] }) {
  return (
    <form action={switchWorkspaceAction} className="flex items-center gap-1">
      <input type="hidden" name="returnTo" value="/workspace" />
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        name="workspaceId"
        defaultValue={active.id}
        className="min-h-10 max-w-[12rem] truncate rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingLabel="Switching…">
        Switch
      </SubmitButton>
    </form>
  );
}
