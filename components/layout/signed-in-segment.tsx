import { requireUser } from '@/lib/auth/session';

/**
 * The layout of a signed-in route that has a `loading.tsx`: a signed-out visitor is sent to sign in
 * from here, outside the loading boundary, so the answer is a real redirect (a page streams after its
 * skeleton, when the status is already sent).
 */
export function signedInSegment(path: string) {
  return async function SignedInLayout({ children }: { children: React.ReactNode }) {
    await requireUser(path);
    return children;
  };
}
