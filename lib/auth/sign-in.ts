// Starting and ending a session, for the server actions in app/(login).
import 'server-only';
import { AuthError } from 'next-auth';
import { SignInThrottled, signIn, signOut } from './config';
import type { OAuthProviderId } from './providers';
import type { SignInInput } from './schemas';

export type PasswordSignIn = 'signed-in' | 'wrong-credentials' | 'too-many-attempts';

/** Signs in with email and password, setting the session cookie; says why when it did not. */
export async function signInWithPassword(credentials: SignInInput): Promise<PasswordSignIn> {
  try {
    // redirect: false makes Auth.js throw on failure instead of redirecting, so the form can show the error.
    await signIn('credentials', { ...credentials, redirect: false });
    return 'signed-in';
  } catch (error) {
    if (error instanceof SignInThrottled) return 'too-many-attempts';
    if (error instanceof AuthError && error.type === 'CredentialsSignin') return 'wrong-credentials';
    throw error;
  }
}

/** Signs in with the token of an emailed sign-in link, setting the session cookie; false when the link does not work. */
export async function signInWithMagicLink(token: string): Promise<boolean> {
  try {
    await signIn('magic-link', { token, redirect: false });
    return true;
  } catch (error) {
    if (error instanceof AuthError && error.type === 'CredentialsSignin') return false;
    throw error;
  }
}

/** Sends the browser to the provider; it comes back through /api/auth and lands on `callbackPath`. */
export async function signInWithOAuth(provider: OAuthProviderId, callbackPath: string): Promise<void> {
  await signIn(provider, { redirectTo: callbackPath });
}

/** Clears the session cookie and sends the browser home. */
export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
