// Units over time (SPEC §6), the writing side: unit versions whose code is reused, the unit-mapping import (a merge into
// a unit that took one of the old codes, a split with shares, refusals with their reasons), re-imports that change
// nothing, and dossiers attached to the version of their MaDonVi in force on their NgayTiepNhan.
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importFile } from '../../lib/server/import/run';
import { receivingCounts } from '../../lib/server/queries/receiving';
import { listCeasedBindings } from '../../lib/server/queries/unit-history';
import { findUnit } from '../../lib/server/queries/units';
import { connect } from './helpers';

const csv = (...lines: string[]) => Readable.from([lines.join('\n') + '\n']);
const UNITS = [
  'MaDonVi,TenDonVi,CapDonVi,MaDonViCha,HieuLucTu,HieuLucDen,MaDinhDanh,TenKhac',
  'P,Tỉnh Thử,tinh,,,,000.00.00.H99,',
  'D,Huyện Cũ,huyen,P,,30/06/2025,,',
  'A,Xã A cũ,xa,D,,30/06/2025,,',
  'B,Xã B cũ,xa,D,,30/06/2025,,',
  'C,Xã C cũ,xa,D,,30/06/2025,,',
  'A,Phường A mới,xa,P,01/07/2025,,000.21.01.H99,Phường A|UBND phường A',
  'M,Xã M,xa,P,01/07/2025,,,',
];
const MAPPING = [
  'MaDonViCu,MaDonViMoi,NgayHieuLuc,TyLe,Chinh',
  'A,A,01/07/2025,,',
  'B,A,01/07/2025,1,',
  'C,A,01/07/2025,0.3,',
  'C,M,01/07/2025,0.7,',
  'M,A,01/07/2025,,', // M is still in force
  'B,M,01/06/2025,,', // M not yet in force, B not yet ceased
  'KHONG,A,01/07/2025,,',
  'D,M,01/07/2025,0.6,',
  'D,A,01/07/2025,0.6,', // shares above 1
];
let client: pg.Client;

const importUnits = () => importFile('units', csv(...UNITS), { fileName: 'units.csv', source: 'test' });
const importMapping = () => importFile('unit_mapping', csv(...MAPPING), { fileName: 'mapping.csv', source: 'test' });

beforeAll(async () => {
  client = await connect();
});
afterAll(() => client.end());

describe('unit versions and successions', () => {
  test('a code reused by a new unit is a second version; re-importing the file changes nothing', async () => {
    const first = await importUnits();
    expect({ inserted: first.inserted, updated: first.updated, rejected: first.rejected }).toEqual({
      inserted: 7,
      updated: 0,
      rejected: [],
    });
    const { rows } = await client.query(
      `SELECT u.code, u.valid_from::text AS "from", u.valid_to::text AS "to", p.code AS parent, u.agency_id, u.aliases
       FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.code = 'A' ORDER BY u.valid_from`,
    );
    expect(rows).toEqual([
      { code: 'A', from: '2000-01-01', to: '2025-06-30', parent: 'D', agency_id: null, aliases: [] },
      {
        code: 'A',
        from: '2025-07-01',
        to: null,
        parent: 'P',
        agency_id: '000.21.01.H99',
        aliases: ['Phường A', 'UBND phường A'],
      },
    ]);
    const again = await importUnits();
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 7,
    });
  });

  test('a version that would overlap another of its code is refused with the reason', async () => {
    const s = await importFile('units', csv(UNITS[0]!, 'M,Xã M khác,xa,P,01/01/2026,,,'), { fileName: 'u.csv', source: 'test' });
    expect(s.rejected).toEqual([
      {
        row: 2,
        column: 'HieuLucTu',
        value: '2026-01-01',
        reason: 'mã đơn vị "M" đã có một đơn vị có hiệu lực từ 01/07/2025: thời gian hiệu lực không được chồng nhau',
      },
    ]);
  });

  test('the mapping: merges and a split written, each wrong row refused with its reason; a re-import changes nothing', async () => {
    const s = await importMapping();
    expect({ inserted: s.inserted, updated: s.updated }).toEqual({ inserted: 5, updated: 0 });
    expect(s.rejected).toEqual([
      {
        row: 6,
        column: 'MaDonViCu',
        value: 'M',
        reason: 'đơn vị cũ mã "M" không có hiệu lực vào ngày 30/06/2025 (ngày trước ngày hiệu lực)',
      },
      {
        row: 7,
        column: 'MaDonViMoi',
        value: 'M',
        reason: 'đơn vị mới mã "M" không có hiệu lực vào ngày 01/06/2025',
      },
      { row: 8, column: 'MaDonViCu', value: 'KHONG', reason: 'không có đơn vị cũ mã "KHONG" (ngày trước ngày hiệu lực)' },
      { row: 10, column: 'TyLe', value: '0.6', reason: 'tổng tỷ lệ của đơn vị cũ D vượt quá 1' },
    ]);
    const { rows } = await client.query(
      `SELECT f.code AS "from", t.code AS "to", s.effective_on::text AS day, s.share::float8 AS share
       FROM unit_successions s JOIN units f ON f.id = s.from_unit_id JOIN units t ON t.id = s.to_unit_id
       ORDER BY f.code, t.code`,
    );
    expect(rows).toEqual([
      { from: 'A', to: 'A', day: '2025-07-01', share: null },
      { from: 'B', to: 'A', day: '2025-07-01', share: 1 },
      { from: 'C', to: 'A', day: '2025-07-01', share: 0.3 },
      { from: 'C', to: 'M', day: '2025-07-01', share: 0.7 },
      { from: 'D', to: 'M', day: '2025-07-01', share: 0.6 },
    ]);
    const again = await importMapping();
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
  });

  test('a dossier belongs to the version of its MaDonVi in force on its NgayTiepNhan; none in force: refused', async () => {
    const s = await importFile(
      'dossiers',
      csv(
        'MaHoSo,MaDonVi,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra',
        'V-1,A,T.1,Thủ tục thử,2025-03-03T08:00:00+07:00,2025-03-10',
        'V-2,A,T.1,Thủ tục thử,2025-08-04T08:00:00+07:00,2025-08-11',
        'V-3,M,T.1,Thủ tục thử,2025-05-05T08:00:00+07:00,2025-05-12',
        'V-4,C,T.1,Thủ tục thử,2025-06-30T23:30:00+07:00,2025-07-07',
      ),
      { fileName: 'd.csv', source: 'test' },
    );
    expect(s.rejected).toEqual([
      {
        row: 4,
        code: 'V-3',
        column: 'MaDonVi',
        value: 'M',
        reason: 'đơn vị mã "M" không có hiệu lực vào ngày tiếp nhận 05/05/2025',
      },
    ]);
    const { rows } = await client.query(
      `SELECT d.code, u.code AS unit, u.valid_from::text AS "from" FROM dossiers d JOIN units u ON u.id = d.unit_id ORDER BY d.code`,
    );
    expect(rows).toEqual([
      { code: 'V-1', unit: 'A', from: '2000-01-01' },
      { code: 'V-2', unit: 'A', from: '2025-07-01' },
      { code: 'V-4', unit: 'C', from: '2000-01-01' },
    ]);
  });

  test('the receiving unit (MaDonViTiepNhan): kept beside the handling one, counted both ways on the unit page', async () => {
    const s = await importFile(
      'dossiers',
      csv(
        'MaHoSo,MaDonVi,MaDonViTiepNhan,MaTTHC,NgayTiepNhan,NgayHenTra',
        'R-1,A,M,T.1,2025-08-05T08:00:00+07:00,2025-08-12',
        'R-2,A,A,T.1,2025-08-06T08:00:00+07:00,2025-08-13',
        'R-3,A,KHONG,T.1,2025-08-06T08:00:00+07:00,2025-08-13',
        'R-4,A,B,T.1,2025-08-06T08:00:00+07:00,2025-08-13',
      ),
      { fileName: 'r.csv', source: 'test' },
    );
    expect(s.rejected).toEqual([
      { row: 4, code: 'R-3', column: 'MaDonViTiepNhan', value: 'KHONG', reason: 'không có đơn vị tiếp nhận mã "KHONG"' },
      {
        row: 5,
        code: 'R-4',
        column: 'MaDonViTiepNhan',
        value: 'B',
        reason: 'đơn vị tiếp nhận mã "B" không có hiệu lực vào ngày tiếp nhận 06/08/2025',
      },
    ]);
    const { rows } = await client.query(
      `SELECT d.code, r.code AS received FROM dossiers d LEFT JOIN units r ON r.id = d.received_unit_id
       WHERE d.code LIKE 'R-%' ORDER BY d.code`,
    );
    expect(rows).toEqual([
      { code: 'R-1', received: 'M' },
      { code: 'R-2', received: null }, // received by its own handling unit
    ]);
    const august = { from: '2025-08-01', to: '2025-08-31' };
    const a = (await findUnit('A', '2025-08-31'))!;
    const m = (await findUnit('M', '2025-08-31'))!;
    expect(await receivingCounts(a, august)).toEqual({ receivedElsewhere: 1, receivedForOthers: 0 });
    expect(await receivingCounts(m, august)).toEqual({ receivedElsewhere: 0, receivedForOthers: 1 });
    expect(await receivingCounts((await findUnit('P'))!, august)).toEqual({ receivedElsewhere: 0, receivedForOthers: 0 });
  });

  test('users and targets still bound to a ceased unit are listed with the unit that stands for it today', async () => {
    await client.query(
      `INSERT INTO users (username, name, password_hash, role, unit_id)
       VALUES ('chutich.a.cu', 'Chủ tịch xã A cũ', 'x', 'chair', (SELECT id FROM units WHERE code = 'A' AND valid_to IS NOT NULL))`,
    );
    await client.query(
      `INSERT INTO targets (kpi, year, threshold, unit_id) VALUES
         ('onTime', 2026, 0.95, (SELECT id FROM units WHERE code = 'C')),
         ('onTime', 2024, 0.95, (SELECT id FROM units WHERE code = 'C'))`,
    );
    expect(await listCeasedBindings('2026-12-06')).toEqual([
      {
        kind: 'user',
        label: 'chutich.a.cu',
        unit: { code: 'A', name: 'Xã A cũ', validTo: '2025-06-30' },
        representative: { code: 'A', name: 'Phường A mới' },
      },
      // Only this year's and later targets: a 2024 target of a unit of 2024 is right as it is.
      {
        kind: 'target',
        label: 'onTime 2026',
        unit: { code: 'C', name: 'Xã C cũ', validTo: '2025-06-30' },
        representative: { code: 'M', name: 'Xã M' },
      },
    ]);
  });
});
