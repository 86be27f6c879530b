// provision_workspace (subject: a user id): the user's workspace, created once (unique user_id).
import { workspaces } from '@/db/schema';
import type { FulfilmentHandler } from '../kinds';
import { loadUser } from './subjects';

export const provisionWorkspace: FulfilmentHandler = async ({ fulfilment, db }) => {
  const user = await loadUser(db, fulfilment.subjectId);
  const owner = user.name ?? user.email?.split('@')[0] ?? 'My';
  const created = await db
    .insert(workspaces)
    .values({ userId: user.id, name: `${owner}'s workspace` })
    .onConflictDoNothing({ target: workspaces.userId })
    .returning({ id: workspaces.id });
  return created.length ? `workspace ${created[0].id} created` : 'workspace already existed';
};
