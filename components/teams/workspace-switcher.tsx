import { ActionForm } from '@/components/ui/action-form';
import { switchWorkspaceAction } from '@/lib/teams/actions';
import type { WorkspaceSummary } from '@/lib/teams/workspaces';

/** The header's workspace switcher: a form (a select and a button), so it works without JavaScript. */
export function WorkspaceSwitcher({ active, workspaces }: { active: WorkspaceSummary; workspaces: WorkspaceSummary[] }) {
  return (
    <ActionForm action={switchWorkspaceAction} fields={{ returnTo: '/workspace' }} label="Switch" pendingLabel="Switching…" className="flex items-center gap-1">
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
    </ActionForm>
  );
}
