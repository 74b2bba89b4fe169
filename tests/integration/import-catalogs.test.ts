// Importing catalogues (SPEC §4): procedures, holidays, feedback — and what they move: dues and roll-ups.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findUnit } from '../../lib/server/queries/units';
import { sumKpis } from '../../lib/server/queries/rollups';
import { importFile } from '../../lib/server/import/run';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const fixture = (name: string) => fs.createReadStream(path.join(import.meta.dirname, '../fixtures', name));
let client: pg.Client;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 3_000, seed: 3, until: NOW });
  client = await connect();
});
afterAll(() => client.end());

const rollupsInStep = async () => {
  const q = `SELECT md5(string_agg(concat_ws('|', unit_id, month, received, resolved, resolved_late, e_result_base, open_delta, open_late_delta, work_days), ',' ORDER BY unit_id, month))
             FROM dossier_unit_monthly WHERE received <> 0 OR resolved <> 0 OR open_delta <> 0 OR open_late_delta <> 0`;
  const kept = (await client.query(q)).rows[0].md5;
  await client.query('SELECT tthc_rebuild_rollups()');
  return kept === (await client.query(q)).rows[0].md5;
};

describe('procedures', () => {
  test('creates and updates procedures; a changed processing time moves the dues of dossiers without NgayHenTra', async () => {
    const before = (
      await client.query(`
      SELECT count(*)::int AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE p.code = '1.001193' AND d.due_at IS NULL`)
    ).rows[0].n;
    expect(before).toBeGreaterThan(0);
    const s = await importFile('procedures', fixture('procedures.csv'), { fileName: 'procedures.csv', source: 'test' });
    expect({ inserted: s.inserted, updated: s.updated }).toEqual({ inserted: 1, updated: 1 });
    expect(s.rejected.map((e) => [e.row, e.column])).toEqual([
      [4, 'DonViThoiGian'],
      [5, 'ThoiHanGiaiQuyet'],
    ]);
    const { rows } = await client.query(`
      SELECT d.deadline_at, tthc_due(d.received_at, 3, 'ngay_lam_viec') AS expected FROM dossiers d
      JOIN procedures p ON p.id = d.procedure_id WHERE p.code = '1.001193' AND d.due_at IS NULL`);
    for (const r of rows) expect(r.deadline_at).toEqual(r.expected);
    const p = (await client.query(`SELECT processing_time::float AS t, has_paper_result FROM procedures WHERE code = '1.001193'`))
      .rows[0];
    expect(p).toEqual({ t: 3, has_paper_result: false });
    expect(await rollupsInStep()).toBe(true);
    const again = await importFile('procedures', fixture('procedures.csv'), { fileName: 'procedures.csv', source: 'test' });
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
  });
});

describe('holidays', () => {
  test('adds holidays and make-up days, refuses the impossible ones, and moves dues in working days', async () => {
    const received = '2026-12-29T09:00:00+07:00'; // a Tuesday; 1/1/2027 is already a holiday
    const dueBefore = (await client.query(`SELECT tthc_due($1, 2, 'ngay_lam_viec') AS d`, [received])).rows[0].d;
    const s = await importFile('holidays', fixture('holidays.csv'), { fileName: 'holidays.csv', source: 'test' });
    expect(s.inserted).toBe(2);
    expect(s.rejected.map((e) => [e.row, e.column])).toEqual([
      [4, 'Loai'],
      [5, 'Loai'],
    ]);
    const dueAfter = (await client.query(`SELECT tthc_due($1, 2, 'ngay_lam_viec') AS d`, [received])).rows[0].d;
    expect(dueBefore).toEqual(new Date('2026-12-31T23:59:59.999+07:00'));
    expect(dueAfter).toEqual(new Date('2027-01-04T23:59:59.999+07:00')); // 31/12 and 1/1 off
    expect(await rollupsInStep()).toBe(true);
  });
});

describe('feedback (PAKN)', () => {
  test('imports feedback with its due (15 working days unless given) and counts it in the KPI', async () => {
    const unit = (await findUnit('608'))!;
    const period = { from: '2026-10-01', to: '2026-11-30' };
    const before = (await sumKpis([unit], period, NOW)).get(unit.id)!;
    const s = await importFile('feedback', fixture('feedback.csv'), { fileName: 'feedback.csv', source: 'test' });
    expect(s.inserted).toBe(2);
    expect(s.rejected.map((e) => [e.row, e.column])).toEqual([
      [4, 'MaDonVi'],
      [5, 'NgayGiaiQuyet'],
    ]);
    const t1 = (await client.query(`SELECT deadline_at FROM feedback WHERE code = 'PAKN-T1'`)).rows[0].deadline_at;
    expect(t1).toEqual((await client.query(`SELECT tthc_due('2026-11-02T08:00:00+07:00', 15, 'ngay_lam_viec') AS d`)).rows[0].d);
    const after = (await sumKpis([unit], period, NOW)).get(unit.id)!;
    expect(after.feedbackResolved - before.feedbackResolved).toBe(1); // T1, on time
    expect(after.feedbackResolvedOnTime - before.feedbackResolvedOnTime).toBe(1);
    expect(after.feedbackPending - before.feedbackPending).toBe(1); // T2, overdue since 15/10
    expect(after.feedbackPendingNotDue - before.feedbackPendingNotDue).toBe(0);
  });

  test('the dossier importer refuses a catalogue file clearly', async () => {
    await expect(importFile('dossiers', fixture('feedback.csv'), { fileName: 'feedback.csv', source: 'test' })).rejects.toThrow(
      'Tệp thiếu cột bắt buộc: MaHoSo (dòng tiêu đề là dòng 1).',
    );
  });
});
