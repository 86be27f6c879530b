import { ActionForm } from '@/components/ui/action-form';
import { switchWorkspaceAction } from '@/lib/teams/actions';
import type { WorkspaceSummary } from '@/lib/teams/workspaces';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';

/** The header's workspace switcher: a form (a select and a button), so it works without JavaScript. */
export function WorkspaceSwitcher({ active, workspaces, id = 'workspace-switcher' }: { active: WorkspaceSummary; workspaces: WorkspaceSummary[]; id?: string }) {
  return (
    <ActionForm action={switchWorkspaceAction} fields={{ returnTo: '/workspace' }} label="Switch" pendingLabel="Switching…" className="flex items-center gap-1">
      <Label htmlFor={id} className="sr-only">
        Workspace
      </Label>
      <NativeSelect id={id} name="workspaceId" defaultValue={active.id} className="max-w-[12rem] [&_select]:truncate">
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </NativeSelect>
    </ActionForm>
  );
}
