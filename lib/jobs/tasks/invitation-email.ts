// invitation_email (subject: `inv_…:<send>`): one sent link of a workspace invitation. A link that a
// resend replaced, or an invitation revoked or accepted meanwhile, is not sent.
import { eq } from 'drizzle-orm';
import { users, workspaceInvitations, workspaces } from '@/db/schema';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import { INVITATION_TTL_DAYS } from '@/lib/teams/invitations';
import { hashInvitationToken, invitationEmailSubject } from '@/lib/teams/tokens';
import { MissingSubjectError, type FulfilmentHandler } from '../kinds';

export const sendInvitationEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const subject = invitationEmailSubject.parse(fulfilment.subjectId);
  const token = fulfilment.payload.token;
  if (!subject || typeof token !== 'string') throw new Error(`invitation email ${fulfilment.subjectId} has no link to send`);
  const [row] = await db
    .select({ invitation: workspaceInvitations, workspaceName: workspaces.name, inviterName: users.name, inviterEmail: users.email })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .leftJoin(users, eq(users.id, workspaceInvitations.invitedBy))
    .where(eq(workspaceInvitations.id, subject.invitationId));
  if (!row) throw new MissingSubjectError(`invitation ${subject.invitationId}`);
  const { invitation } = row;
  if (invitation.revokedAt || invitation.acceptedAt) return `skipped: invitation ${invitation.revokedAt ? 'revoked' : 'accepted'}`;
  if (invitation.sends !== subject.send || invitation.tokenHash !== hashInvitationToken(token)) return 'skipped: a newer link was sent';
  const inviter = row.inviterName ?? row.inviterEmail ?? 'A teammate';
  const subjectLine = `${inviter} invited you to ${row.workspaceName}`;
  const body = await renderMail({
    preview: subjectLine,
    heading: `Join ${row.workspaceName}`,
    paragraphs: [
      `${inviter} invited you to join ${row.workspaceName} as ${invitation.role === 'admin' ? 'an admin' : 'a member'}.`,
      `To accept, sign up or sign in with ${invitation.email}.`,
    ],
    action: { label: 'Accept the invitation', href: `${config.appUrl}/invite/${token}` },
    after: [`The link works once and expires in ${INVITATION_TTL_DAYS} days. If you did not expect it, ignore this email.`],
  });
  await sendMail(
    {
      to: invitation.email,
      subject: subjectLine,
      ...body,
      idempotencyKey: `invitation_email:${fulfilment.subjectId}`,
    },
    { db },
  );
  return `invitation sent to ${invitation.email}`;
};
