'use server';
// Sign-in and sign-out. Signing in is the one server action that cannot pass the gate (it is how one gets through it);
// it is rate-limited and audited in lib/server/auth.ts.
import { AuthError } from 'next-auth';
import { audit } from '@/lib/server/audit';
import { SignInRateLimited, signIn, signOut } from '@/lib/server/auth';
import { viewer } from '@/lib/server/access';

export interface SignInState {
  error: string | null;
  username: string;
}

/** Only a path of this site, never another origin (open redirect). */
function safeNext(next: FormDataEntryValue | null): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

export async function signInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!username || !password) return { error: 'Hãy nhập tên đăng nhập và mật khẩu.', username };
  try {
    await signIn('credentials', { username, password, redirectTo: safeNext(form.get('next')) });
  } catch (e) {
    if (e instanceof SignInRateLimited || (e instanceof AuthError && (e as { code?: string }).code === 'rate_limited')) {
      return { error: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.', username };
    }
    if (e instanceof AuthError) return { error: 'Tên đăng nhập hoặc mật khẩu không đúng.', username };
    throw e; // the redirect after a successful sign-in
  }
  return { error: null, username };
}

export async function signOutAction(): Promise<void> {
  const actor = await viewer();
  if (actor) await audit(actor.label, 'sign_out');
  await signOut({ redirectTo: '/login' });
}
