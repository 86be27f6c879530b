import 'server-only';
// The workspace the visitor is working in: a cookie naming it, honoured only while they are a member.
import { cookies } from 'next/headers';
import { listWorkspaces, type WorkspaceSummary } from './workspaces';

const COOKIE = 'workspace';

/**
 * The user's workspaces and the active one: the cookie's choice when it is theirs, else their first
 * team workspace (where a Team purchase lands), else their personal one.
 */
export async function getActiveWorkspace(userId: string): Promise<{ active: WorkspaceSummary; workspaces: WorkspaceSummary[] }> {
  const workspaces = await listWorkspaces(userId);
  const chosen = (await cookies()).get(COOKIE)?.value;
  const active = workspaces.find((w) => w.id === chosen) ?? workspaces.find((w) => w.kind === 'team') ?? workspaces[0];
  return { active, workspaces };
}

/** Remembers the choice; only callable from a server action, after checking membership. */
export async function rememberActiveWorkspace(workspaceId: string | null): Promise<void> {
  const jar = await cookies();
  if (workspaceId) jar.set(COOKIE, workspaceId, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 24 * 365 });
  else jar.delete(COOKIE);
}
