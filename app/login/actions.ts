'use server';
// Sign-in and sign-out. Signing in is the one server action that cannot pass the gate (it is how one gets through it);
// it is rate-limited (per username and per address) and audited in lib/server/auth.ts. Signing out ends the user's
// sessions on the server as well, on every device (Auth.js's signOut event, lib/server/auth.ts): an old copy of the
// cookie is refused.
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { safeNextPath } from '@/lib/auth/next-path';
import { SignInRateLimited, signIn, signInWait, signOut } from '@/lib/server/auth';
import { clientAddress } from '@/lib/server/client';

export interface SignInState {
  error: string | null;
  username: string;
}

const locked = (seconds: number) =>
  `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.max(1, Math.ceil(seconds / 60))} phút.`;

export async function signInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!username || !password) return { error: 'Hãy nhập tên đăng nhập và mật khẩu.', username };
  // A locked username or address is told so before the password is looked at (never "wrong password").
  const wait = await signInWait(username, clientAddress(await headers()));
  if (wait > 0) return { error: locked(wait), username };
  try {
    await signIn('credentials', { username, password, redirectTo: safeNextPath(form.get('next')) });
  } catch (e) {
    if (e instanceof SignInRateLimited || (e instanceof AuthError && (e as { code?: string }).code === 'rate_limited')) {
      return { error: locked(15 * 60), username };
    }
    if (e instanceof AuthError) return { error: 'Tên đăng nhập hoặc mật khẩu không đúng.', username };
    throw e; // the redirect after a successful sign-in
  }
  return { error: null, username };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
