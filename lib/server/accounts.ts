// Users and API tokens: created, changed and revoked by admins (today through `npm run user` / `npm run token`),
// every change written to the audit log. A new password or disabling ends the user's sessions (users.session_version).
import 'server-only';
import { hashPassword, hashToken, newToken, passwordProblem } from '@/lib/auth/secrets';
import type { Role, TokenRole } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db';
import { db, sql } from '@/lib/server/sql';
import { findUnit } from '@/lib/server/queries/units';
import { env } from '@/lib/env';

export class AccountError extends Error {
  override name = 'AccountError';
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const PROVINCE = /^[0-9A-Za-z_-]{1,16}$/;

/**
 * A user's province on a national instance (issue 20): a national viewer may be bound to none (every province), any
 * other role must be (its province's staff see their province only). Units are keyed by province there: no --unit.
 */
function provinceFor(role: Role, province: string | null | undefined, unitCode: string | null | undefined): string | null {
  if (env.TTHC_MODE !== 'national') {
    if (province) throw new AccountError('--province chỉ dùng trên hệ thống quốc gia (TTHC_MODE=national).');
    if (role === 'national') throw new AccountError('Vai trò national chỉ dùng trên hệ thống quốc gia (TTHC_MODE=national).');
    return null;
  }
  if (unitCode)
    throw new AccountError('Trên hệ thống quốc gia, tài khoản gắn với một tỉnh (--province MÃ_TỈNH), không với đơn vị.');
  if (province && !PROVINCE.test(province)) throw new AccountError(`Mã tỉnh không hợp lệ: "${province}".`);
  if (!province && role !== 'national' && role !== 'admin')
    throw new AccountError('Trên hệ thống quốc gia, cán bộ của một tỉnh phải gắn với tỉnh đó: thêm --province MÃ_TỈNH.');
  return province || null;
}

async function unitIdFor(role: TokenRole, unitCode: string | null | undefined): Promise<number | null> {
  if (!unitCode) {
    if (role === 'chair') throw new AccountError('Lãnh đạo đơn vị phải gắn với một đơn vị: thêm --unit MÃ_ĐƠN_VỊ.');
    return null;
  }
  const unit = await findUnit(unitCode);
  if (!unit) throw new AccountError(`Không có đơn vị mã "${unitCode}".`);
  return unit.id;
}

export async function createUser(
  by: string,
  u: { username: string; name: string; role: Role; unitCode?: string | null; province?: string | null; password: string },
) {
  const username = u.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new AccountError('Tên đăng nhập: 2–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang.');
  const problem = passwordProblem(u.password);
  if (problem) throw new AccountError(problem);
  const province = provinceFor(u.role, u.province, u.unitCode);
  const unitId = await unitIdFor(u.role, u.unitCode);
  const exists = await db()
    .selectFrom('users')
    .select((eb) => eb.lit(1).as('one'))
    .where('username', '=', username)
    .executeTakeFirst();
  if (exists) throw new AccountError(`Đã có tài khoản "${username}".`);
  await getDb().$executeRaw`
    INSERT INTO users (username, name, password_hash, role, unit_id, province)
    VALUES (${username}, ${u.name}, ${await hashPassword(u.password)}, ${u.role}::user_role, ${unitId}, ${province})`;
  await audit(by, 'user_created', `user:${username}`, {
    role: u.role,
    unit: u.unitCode ?? null,
    ...(province ? { province } : {}),
  });
}

export async function changeUser(
  by: string,
  username: string,
  change: { password?: string; active?: boolean; role?: Role; unitCode?: string | null; province?: string | null },
) {
  const user = await db()
    .selectFrom('users')
    .select(['id', 'role', 'province'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw new AccountError(`Không có tài khoản "${username}".`);
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem) throw new AccountError(problem);
    await getDb().$executeRaw`UPDATE users SET password_hash = ${await hashPassword(change.password)} WHERE id = ${user.id}`;
    await endSessions(user.id); // every session signed in with the old password
  }
  if (change.active !== undefined) {
    await getDb().$executeRaw`UPDATE users SET active = ${change.active} WHERE id = ${user.id}`;
    // Disabling ends the user's sessions for good: enabling again does not bring an old cookie back.
    if (!change.active) await endSessions(user.id);
  }
  if (change.role !== undefined || change.unitCode !== undefined || change.province !== undefined) {
    const role = change.role ?? user.role;
    const province = provinceFor(role, change.province === undefined ? user.province : change.province, change.unitCode);
    const unitId = await unitIdFor(role, change.unitCode);
    await getDb().$executeRaw`
      UPDATE users SET role = ${role}::user_role, unit_id = ${unitId}, province = ${province} WHERE id = ${user.id}`;
  }
  const { password, ...rest } = change;
  await audit(by, 'user_changed', `user:${username}`, { ...rest, ...(password !== undefined ? { password: 'changed' } : {}) });
}

/**
 * Ends every session of a user (sign-out, a new password, disabling): the version their cookies carry is no longer
 * the user's, and the gate refuses them. With `from` (sign-out), only when the cookie still holds the current version,
 * so a stale cookie ends nothing more. The user's name when a version was ended.
 */
export async function endSessions(userId: number, from?: number): Promise<string | null> {
  const row = await db()
    .updateTable('users')
    .set({ session_version: sql<number>`session_version + 1` })
    .where('id', '=', userId)
    .where(sql<boolean>`(${from ?? null}::int IS NULL OR session_version = ${from ?? null}::int)`)
    .returning('username')
    .executeTakeFirst();
  return row?.username ?? null;
}

export async function listUsers() {
  return db()
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.username', 'u.name', 'u.role', 'un.code as unit', 'u.province', 'u.active'])
    .orderBy('u.username')
    .execute();
}

/** Creates a token and returns it: the only time it is ever shown (only its sha256 is stored). */
export async function createToken(by: string, t: { name: string; role: TokenRole; unitCode?: string | null }): Promise<string> {
  const name = t.name.trim();
  if (!/^[\p{L}\p{N} ._-]{2,64}$/u.test(name)) throw new AccountError('Tên mã: 2–64 ký tự chữ, số, khoảng trắng, . _ -');
  const unitId = await unitIdFor(t.role, t.unitCode);
  const exists = await db()
    .selectFrom('api_tokens')
    .select((eb) => eb.lit(1).as('one'))
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) throw new AccountError(`Đã có mã API tên "${name}".`);
  const token = newToken();
  await getDb().$executeRaw`
    INSERT INTO api_tokens (name, token_hash, role, unit_id, created_by)
    VALUES (${name}, ${hashToken(token)}, ${t.role}::token_role, ${unitId}, ${by})`;
  await audit(by, 'token_created', `token:${name}`, { role: t.role, unit: t.unitCode ?? null });
  return token;
}

export async function revokeToken(by: string, name: string): Promise<void> {
  const n = await getDb().$executeRaw`UPDATE api_tokens SET revoked_at = now() WHERE name = ${name} AND revoked_at IS NULL`;
  if (n === 0) throw new AccountError(`Không có mã API đang hiệu lực tên "${name}".`);
  await audit(by, 'token_revoked', `token:${name}`);
}

export async function listTokens() {
  return db()
    .selectFrom('api_tokens as t')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.name', 't.role', 'u.code as unit', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .orderBy('t.created_at')
    .execute();
}
