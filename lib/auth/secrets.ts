// Passwords and API tokens at rest: bcrypt for passwords, sha256 for tokens (random 256-bit values, so a fast hash
// is enough), and the token format `tthc_<43 base64url characters>`. No database, no framework: used by the app,
// the CLIs and the seed alike.
import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** A bcrypt hash compared when the username does not exist, so the answer takes as long either way. */
const DUMMY_HASH = '$2b$10$yvNKDlga7IqpK0heKqH2Cu6cCEQ62c346UIHZKIRZcYYWFOq29ln6';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== null && hash !== undefined);
}

/** A password an admin may set: at least 8 characters, not all of one kind. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Mật khẩu cần ít nhất 8 ký tự.';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return 'Mật khẩu cần có cả chữ và số.';
  return null;
}

export const TOKEN_PATTERN = /^tthc_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return `tthc_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Auth.js's session cookie (possibly split in chunks, `__Secure-` prefixed over HTTPS): a reader who signed in. */
export const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;
