// Auth.js: who may sign in and how the session is kept. Pages and actions use ./session and ./sign-in.
import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { getDb } from '@/db';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/rate-limit';
import { signInWithMagicLinkToken } from './magic-link';
import { configuredOAuthProviders } from './providers';
import { openSession, revokeSession } from './sessions';
import { authenticateWithPassword, TooManySignInAttempts } from './users';
import { markEmailVerified } from './verification';

declare module 'next-auth' {
  interface Session {
    /** The `user_sessions` row this browser's cookie names. */
    sessionId?: string;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
  }
}

const oauthFactories = { github: GitHub, google: Google };

/** Auth.js's form of TooManySignInAttempts: a credentials failure with its own code (`?code=too_many_attempts`). */
export class SignInThrottled extends CredentialsSignin {
  code = 'too_many_attempts';
}

// A function, so that configuration is read on the first request and `next build` needs none.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = env();
  return {
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in only works with JWT sessions; the adapter still stores users and OAuth accounts.
    session: { strategy: 'jwt' },
    secret: config.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          try {
            return await authenticateWithPassword(credentials, clientAddress(request.headers));
          } catch (err) {
            if (err instanceof TooManySignInAttempts) throw new SignInThrottled();
            throw err;
          }
        },
      }),
      // The emailed sign-in link (lib/auth/magic-link.ts): its single-use token is the credential.
      Credentials({
        id: 'magic-link',
        name: 'Email link',
        credentials: { token: {} },
        authorize: (credentials) => signInWithMagicLinkToken(typeof credentials.token === 'string' ? credentials.token : ''),
      }),
      ...configuredOAuthProviders(config).map(({ id, clientId, clientSecret }) => oauthFactories[id]({ clientId, clientSecret })),
    ],
    callbacks: {
      // Every account needs an email: it is how people are shown, contacted and billed.
      signIn: ({ user }) => Boolean(user.email),
      async jwt({ token, user }) {
        // `user` is set once, at sign-in: that is when the browser gets its own revocable session row.
        if (user?.id) token.sid = await openSession(user.id);
        return token;
      },
      session({ session, token }) {
        // token.sub is the users.id the adapter or authorize() returned.
        if (token.sub) session.user.id = token.sub;
        session.sessionId = token.sid;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ('token' in message && message.token?.sid) await revokeSession(message.token.sid);
      },
      async signIn({ user, account, profile }) {
        // An OAuth email counts as verified only when the provider says so (Google's email_verified).
        if (account?.type === 'oidc' || account?.type === 'oauth') {
          if (user.id && user.email && profile?.email_verified === true) await markEmailVerified(user.id, user.email);
        }
      },
    },
    logger: {
      // A wrong password is an everyday event, answered on the form, not a server error.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error('[auth]', error);
      },
    },
  };
});
