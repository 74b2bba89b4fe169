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
import { getDb } from '@/lib/server/db';
import { SIGN_IN_FAILURES, hit, reset, retryAfter } from '@/lib/server/rate-limit';

/** Sessions last a working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

const credentials = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });

export const signInKey = (username: string) => `sign-in:${username.trim().toLowerCase()}`;

/** Checks a username and password; the user's id, or null. Failures are counted, audited and rate-limited. */
export async function checkPassword(input: unknown): Promise<{ id: string; name: string } | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  const key = signInKey(username);
  if (retryAfter(key, SIGN_IN_FAILURES) > 0) {
    await audit(`user:${username}`, 'sign_in_failed', null, { reason: 'rate_limited' });
    throw new SignInRateLimited();
  }
  const [user] = await getDb().$queryRaw<Array<{ id: number; name: string; password_hash: string; active: boolean }>>`
    SELECT id, name, password_hash, active FROM users WHERE username = ${username}`;
  const ok = await verifyPassword(password, user?.password_hash);
  if (!user || !ok || !user.active) {
    hit(key, SIGN_IN_FAILURES);
    await audit(`user:${username}`, 'sign_in_failed', null, { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' });
    return null;
  }
  reset(key);
  await audit(`user:${username}`, 'sign_in');
  return { id: String(user.id), name: user.name };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: requireAuthSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { username: { label: 'Tên đăng nhập' }, password: { label: 'Mật khẩu', type: 'password' } },
      authorize: (input) => checkPassword(input),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
}));
