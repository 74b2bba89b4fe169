// Sign-in with Auth.js (next-auth v5): a username and password checked against the users table (bcrypt), a session
// in a signed, HTTP-only JWT cookie that expires. The session only says *who*; what they may see is decided on every
// request by the one gate (lib/server/access.ts), which reads the user's current role and unit from the database.
import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyPassword } from '@/lib/auth/secrets';
import { requireAuthSecret } from '@/lib/env';
import { audit } from '@/lib/server/audit';
import { db } from '@/lib/server/sql';
import { clientAddress } from '@/lib/server/client';
import {
  REFUSAL_AUDITS,
  SIGN_IN_FAILURES,
  SIGN_IN_FAILURES_PER_ADDRESS,
  hit,
  reset,
  retryAfter,
  take,
} from '@/lib/server/rate-limit';
import { endSessions } from '@/lib/server/accounts';

/** Sessions last a working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

const credentials = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });

/** A username as the limits and the audit log know it (at most 64 characters, as a username can be). */
const normalised = (username: string) => username.trim().toLowerCase().slice(0, 64);
const signInKey = (username: string) => `sign-in:${normalised(username)}`;
const addressKey = (address: string) => `sign-in-address:${address}`;

/**
 * Seconds before a sign-in as `username` from `address` may be tried again (0: now): five failures lock the username,
 * fifty lock the address (one machine guessing many usernames). A refusal here is audited — a few a minute for one
 * username and address, however many are refused.
 */
export async function signInWait(username: string, address: string): Promise<number> {
  const wait = Math.max(
    retryAfter(signInKey(username), SIGN_IN_FAILURES),
    retryAfter(addressKey(address), SIGN_IN_FAILURES_PER_ADDRESS),
  );
  if (wait > 0 && take(`audit-locked:${normalised(username)}:${address}`, REFUSAL_AUDITS)) {
    await audit(`user:${normalised(username)}`, 'sign_in_failed', null, { reason: 'rate_limited', address });
  }
  return wait;
}

/** The user Auth.js puts in the session cookie. */
interface SignedIn {
  id: string;
  name: string;
  sessionVersion: number;
}

/** Checks a username and password; the user, or null. Failures are counted, audited and rate-limited. */
export async function checkPassword(input: unknown, address: string): Promise<SignedIn | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  if ((await signInWait(username, address)) > 0) throw new SignInRateLimited();
  const user = await db()
    .selectFrom('users')
    .select(['id', 'name', 'password_hash', 'active', 'session_version'])
    .where('username', '=', username)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash);
  if (!user || !ok || !user.active) {
    hit(signInKey(username), SIGN_IN_FAILURES);
    hit(addressKey(address), SIGN_IN_FAILURES_PER_ADDRESS);
    await audit(`user:${username}`, 'sign_in_failed', null, {
      reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
      address,
    });
    return null;
  }
  reset(signInKey(username));
  await audit(`user:${username}`, 'sign_in', null, { address });
  return { id: String(user.id), name: user.name, sessionVersion: user.session_version };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: requireAuthSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { username: { label: 'Tên đăng nhập' }, password: { label: 'Mật khẩu', type: 'password' } },
      authorize: (input, request) => checkPassword(input, clientAddress(request.headers)),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      session.sessionVersion = typeof token.sv === 'number' ? token.sv : null;
      return session;
    },
  },
  events: {
    // Every way out (the menu's button, Auth.js's own endpoint) ends the user's sessions on the server too — on every
    // device, as a new password does — and is audited.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const id = Number(token?.uid);
      if (!Number.isInteger(id) || id <= 0 || typeof token?.sv !== 'number') return;
      const username = await endSessions(id, token.sv);
      if (username) await audit(`user:${username}`, 'sign_out');
    },
  },
}));

// What the session cookie carries beyond Auth.js's own fields: the user's id and session version at sign-in.
declare module 'next-auth' {
  interface User {
    /** The user's session version at sign-in (see `users.session_version`). */
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number | null;
  }
}
declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}
