// The upload page (/admin/import): an admin uploads the golden files in the browser, sees the counts and the rejected
// rows, downloads them as CSV, re-uploads and sees "không đổi"; a dry run of the units file writes nothing; a broken
// or wrong file gets a clear message; the history lists each import with its user; other roles are refused.
import fs from 'node:fs';
import path from 'node:path';
import { demoAccounts } from '../../prisma/seed/accounts';
import { expect, test } from './fixtures';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const DOSSIERS = 'dossiers-vi-bom-semicolon.csv';

test.describe('as an admin', () => {
  test.use({ user: 'quantri' });

  test('uploads a dossier file, sees the counts and the rejected rows, downloads them, re-uploads: unchanged', async ({
    page,
    sql,
  }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Nạp dữ liệu' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nạp dữ liệu');

    await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles(path.join(FIXTURES, DOSSIERS));
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Hồ sơ' });
    await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
    const result = page.locator('.import-result');
    await expect(result.getByRole('heading')).toContainText('Đã nạp xong');
    await expect(result.getByRole('heading')).toContainText('7 dòng hồ sơ');
    await expect(result.locator('[data-count=inserted]')).toHaveText('2');
    await expect(result.locator('[data-count=updated]')).toHaveText('0');
    await expect(result.locator('[data-count=unchanged]')).toHaveText('0');
    await expect(result.locator('[data-count=rejected]')).toHaveText('4');
    await expect(result).toContainText('1 dòng trùng mã được thay bằng dòng sau cùng.');
    const errors = result.getByRole('table');
    await expect(errors.getByRole('row', { name: /31\/02\/2025/ })).toContainText('ngày 31/02/2025 không tồn tại');
    await expect(errors.getByRole('row', { name: /-5000/ })).toContainText('"-5000" là số âm');
    await expect(errors.getByRole('row', { name: /9999/ })).toContainText('không có đơn vị mã "9999"');
    await page.screenshot({ path: test.info().outputPath('import.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('link', { name: 'Tải toàn bộ dòng bị từ chối (sửa rồi nạp lại tệp này)' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    // The rejected rows as they came, in the file's own columns, with the row number and the reason: correct and import as is.
    expect(csv.slice(1).trim().split('\r\n')).toEqual([
      'Mã hồ sơ,Mã đơn vị,Mã TTHC,Tên TTHC,Kênh thực hiện,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,"Phí, lệ phí",Đánh giá,Cán bộ xử lý,Dòng,Lý do',
      'HS-003,608,1.001193,Đăng ký khai sinh,1,31/02/2025,05/03/2025,,0,,,4,"NgayTiepNhan ""31/02/2025"": ngày 31/02/2025 không tồn tại"',
      `HS-004,608,1.001193,Đăng ký khai sinh,1,03/03/2025,05/03/2025,,'-5000,,,5,"PhiLePhi ""-5000"": ""-5000"" là số âm"`,
      'HS-005,608,1.001193,Đăng ký khai sinh,1,10/03/2025 08:00,12/03/2025,09/03/2025 08:00,,,,6,"NgayKetThucXuLy ""09/03/2025 08:00"": ngày kết thúc xử lý trước ngày tiếp nhận"',
      'HS-006,9999,1.001193,Đăng ký khai sinh,1,03/03/2025,05/03/2025,,,,,7,"MaDonVi ""9999"": không có đơn vị mã ""9999"""',
    ]);

    // The same file again, its kind told by its header: nothing changes, and the page says so.
    await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles(path.join(FIXTURES, DOSSIERS));
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Tự nhận biết (theo dòng tiêu đề)' });
    await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
    await expect(result.getByRole('heading')).toContainText(/Đã nạp xong \(lần nạp #\d+\): 7 dòng hồ sơ/);
    await expect(result.locator('[data-count=unchanged]')).toHaveText('2');
    await expect(result.locator('[data-count=inserted]')).toHaveText('0');
    await expect(result.locator('[data-count=updated]')).toHaveText('0');

    // The history: both imports, newest first, by the admin, with the link to the rejected rows.
    const admin = demoAccounts('kon-tum-2024').find((a) => a.username === 'quantri')!;
    const history = page.getByRole('table', { name: /lần nạp, mới nhất trước/ });
    const rows = history.getByRole('row', { name: new RegExp(DOSSIERS.replace(/\./g, '\\.')) });
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(admin.name);
    await expect(rows.first()).toContainText('Tải lên');
    await expect(rows.first().getByRole('cell').nth(-3)).toHaveText('2'); // unchanged
    await expect(rows.nth(1).getByRole('link', { name: /4 \(tải các dòng bị từ chối\)/ })).toBeVisible();
    const batches = await sql<{ user: string; kind: string; inserted: number; unchanged: number }>(
      `
      SELECT u.username AS user, b.kind::text AS kind, b.inserted, b.unchanged FROM import_batches b JOIN users u ON u.id = b.user_id
      WHERE b.file_name = $1 ORDER BY b.id`,
      [DOSSIERS],
    );
    expect(batches).toEqual([
      { user: 'quantri', kind: 'dossiers', inserted: 2, unchanged: 0 },
      { user: 'quantri', kind: 'dossiers', inserted: 0, unchanged: 2 },
    ]);
  });

  test('a dry run of the units file reports what it would do and writes nothing', async ({ page, sql }) => {
    const [before] = await sql<{ n: number; batches: number }>(
      `SELECT (SELECT count(*)::int FROM units) AS n, (SELECT count(*)::int FROM import_batches) AS batches`,
    );
    await page.goto('/admin/import');
    await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles(path.join(FIXTURES, 'units.csv'));
    await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Đơn vị' });
    await page.getByLabel('Chạy thử (chỉ kiểm tra, không ghi)').check();
    await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
    const result = page.locator('.import-result');
    await expect(result.getByRole('heading')).toContainText('Kết quả chạy thử (không ghi gì)');
    await expect(result.locator('[data-count=inserted]')).toHaveText('2');
    await expect(result.locator('[data-count=updated]')).toHaveText('2');
    await expect(result.locator('[data-count=unchanged]')).toHaveText('1');
    await expect(result.locator('[data-count=rejected]')).toHaveText('6');
    await expect(result.getByRole('row', { name: /C2/ }).first()).toContainText('đơn vị cha tạo thành vòng lặp: C1 → C2 → C1');
    expect(
      await sql(`SELECT (SELECT count(*)::int FROM units) AS n, (SELECT count(*)::int FROM import_batches) AS batches`),
    ).toEqual([before]);
  });

  test('a large file shows its progress while it runs (dry run: nothing written)', async ({ page, sql }) => {
    test.setTimeout(150_000); // a few thousand rows a second on a loaded 2-core machine
    const [before] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers`);
    const rows = Array.from({ length: 40_000 }, (_, i) => `E2E-LON-${i},608,1.001193,2026-10-05T08:00:00+07:00,08/10/2026`);
    await page.goto('/admin/import');
    await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles({
      name: 'lon.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,NgayHenTra\n${rows.join('\n')}\n`),
    });
    await page.getByLabel('Chạy thử (chỉ kiểm tra, không ghi)').check();
    await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
    // Rows counted as they are read, before the result.
    await expect(page.locator('.import').getByRole('status')).toContainText(/Đang nạp… đã đọc [1-9][\d.]* dòng/);
    await expect(page.getByRole('progressbar', { name: 'Tiến độ đọc tệp' })).toBeVisible();
    const result = page.locator('.import-result');
    await expect(result.getByRole('heading')).toContainText('Kết quả chạy thử (không ghi gì): 40.000 dòng', { timeout: 120_000 });
    await expect(result.locator('[data-count=inserted]')).toHaveText('40.000');
    await expect(result.locator('[data-count=rejected]')).toHaveText('0');
    expect(await sql(`SELECT count(*)::int AS n FROM dossiers`)).toEqual([before]);
  });

  test('a wrong, empty or broken file gets a clear message and nothing is written', async ({ page, sql }) => {
    const [before] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM import_batches`);
    await page.goto('/admin/import');
    const file = page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)');
    const submit = page.getByRole('button', { name: 'Nạp dữ liệu' });
    const alert = page.locator('.import').getByRole('alert');
    await file.setInputFiles({ name: 'ghichu.txt', mimeType: 'text/plain', buffer: Buffer.from('xin chào') });
    await submit.click();
    await expect(alert).toHaveText(
      'Tệp “ghichu.txt” không đúng loại: chỉ nạp được tệp .csv, .xlsx hoặc .json (gói DongBoHoSoMC).',
    );
    await file.setInputFiles({ name: 'rong.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await submit.click();
    await expect(alert).toHaveText('Tệp “rong.csv” rỗng: không có gì để nạp.');
    await file.setInputFiles({
      name: 'hong.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('không phải Excel'),
    });
    await submit.click();
    await expect(alert).toHaveText(
      'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). Không có gì được nhập.',
    );
    await file.setInputFiles({ name: 'thieu-cot.csv', mimeType: 'text/csv', buffer: Buffer.from('Mã hồ sơ;Ghi chú\nX;Y\n') });
    await submit.click();
    await expect(alert).toHaveText(
      'Tệp thiếu cột bắt buộc: MaDonVi (hoặc MaDinhDanh, DonViXuLy), MaTTHC (hoặc TenTTHC), NgayTiepNhan (dòng tiêu đề là dòng 1).',
    );
    // The server checks too, whoever calls it.
    // As the page's own fetch sends them: with the site's Origin (a cookie-authenticated write without it is refused).
    const origin = new URL(page.url()).origin;
    const empty = await page.request.post('/api/v1/imports?kind=dossiers&fileName=rong.csv', {
      headers: { 'Content-Type': 'text/csv', Origin: origin },
      data: '',
    });
    expect(empty.status()).toBe(400);
    expect(await empty.json()).toEqual({ error: 'empty_file', message: 'Tệp rỗng: không có gì để nạp.' });
    const wrong = await page.request.post('/api/v1/imports?kind=dossiers&fileName=a.txt', {
      headers: { 'Content-Type': 'text/plain', Origin: origin },
      data: 'x',
    });
    expect(wrong.status()).toBe(400);
    expect((await wrong.json()).issues).toEqual([
      {
        param: 'fileName',
        message: 'Chỉ nạp được tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy), .xlsx hoặc .json (gói DongBoHoSoMC)',
      },
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM import_batches`)).toEqual([before]);
  });
});

test.describe('as province staff', () => {
  test.use({ user: 'vanphong', expectedConsoleErrors: [/status of 403/] });

  test('the upload page is refused and not in the menu', async ({ page }) => {
    const response = await page.goto('/admin/import');
    expect(response!.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Không có quyền truy cập' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Nạp dữ liệu' })).toHaveCount(0);
  });
});
