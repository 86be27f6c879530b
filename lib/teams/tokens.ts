// Invitation links: a random token goes in the email, only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The fulfilment subject of one sent link: `inv_…:<send number>`, so a resend is its own queued email. */
export const invitationEmailSubject = {
  build: (invitationId: string, send: number) => `${invitationId}:${send}`,
  parse: (subject: string): { invitationId: string; send: number } | null => {
    const match = /^(inv_\w+):(\d+)$/.exec(subject);
    return match ? { invitationId: match[1], send: Number(match[2]) } : null;
  },
};
