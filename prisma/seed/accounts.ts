// Demo accounts (one per role) for the demo province (its last month is published by scripts/publish-month.ts). Demo mode only: `npm start` on the
// embedded database calls this; against a real DATABASE_URL nobody is created (`npm run user -- --create …`).
import pg from 'pg';
import { hashPassword } from '../../lib/auth/secrets';
import { localDayOf } from '../../lib/calendar';
import type { DemoName } from './load';

export const DEMO_PASSWORD = 'demo-766-kontum';

/** The demo accounts, one per role; the chair is bound to a unit of the demo (see README). */
export function demoAccounts(demo: DemoName) {
  const chair =
    demo === 'quang-ngai-2025'
      ? { username: 'chutich.phuongkontum', name: 'Chủ tịch UBND phường Kon Tum', role: 'chair', unitCode: '23293' }
      : { username: 'lanhdao.tpkontum', name: 'Chủ tịch UBND TP Kon Tum', role: 'chair', unitCode: '608' };
  return [
    { username: 'quantri', name: 'Quản trị hệ thống', role: 'admin', unitCode: null },
    { username: 'vanphong', name: 'Văn phòng UBND tỉnh', role: 'province', unitCode: null },
    chair,
    { username: 'kiemtra', name: 'Thanh tra Sở Nội vụ', role: 'auditor', unitCode: null },
  ] as const;
}

/** Creates the demo accounts when there are no users yet. */
export async function ensureDemoAccounts(url: string, demo: DemoName, now = new Date()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const created: string[] = [];
    const { rowCount } = await client.query('SELECT 1 FROM users LIMIT 1');
    if (rowCount === 0) {
      const hash = await hashPassword(DEMO_PASSWORD);
      for (const a of demoAccounts(demo)) {
        await client.query(
          `INSERT INTO users (username, name, password_hash, role, unit_id)
           VALUES ($1, $2, $3, $4::user_role,
                   (SELECT id FROM units WHERE code = $5 AND valid_from <= $6::date AND (valid_to IS NULL OR valid_to >= $6::date)))`,
          [a.username, a.name, hash, a.role, a.unitCode, localDayOf(now)],
        );
        await client.query(
          `INSERT INTO audit_log (actor, action, target, details) VALUES ('system:demo', 'user_created', $1, $2)`,
          [`user:${a.username}`, JSON.stringify({ role: a.role, unit: a.unitCode })],
        );
        created.push(a.username);
      }
    }
    return created;
  } finally {
    await client.end();
  }
}
