// provision_workspace (subject: a user id): the user's personal workspace, created once.
import { ensurePersonalWorkspace } from '@/lib/teams/workspaces';
import type { FulfilmentHandler } from '../kinds';
import { loadUser } from './subjects';

export const provisionWorkspace: FulfilmentHandler = async ({ fulfilment, db }) => {
  const user = await loadUser(db, fulfilment.subjectId);
  const workspace = await ensurePersonalWorkspace(db, user.id);
  return workspace.created ? `workspace ${workspace.id} created` : 'workspace already existed';
};
