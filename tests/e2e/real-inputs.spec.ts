// What a province's IT officer has, imported as it is on the upload page (SPEC §4.1), on the demo of new Quảng Ngãi:
// the one-stop system's "Sổ theo dõi hồ sơ" export (title block, units and procedures by name, a footer) and the
// DongBoHoSoMC payload it pushes to the national portal. The names the catalogue does not know are mapped once, and the
// rejected rows imported again. Screenshots of each step in test-results.
import path from 'node:path';
import { E2E_2025 } from '../../playwright.config';
import { EXPECTED } from '../fixtures/so-theo-doi-ho-so.expected';
import { expect, snapshot, test } from './fixtures';

test.use({ baseURL: `http://localhost:${E2E_2025.port}`, user: 'quantri' });

const FIXTURES = path.join(import.meta.dirname, '../fixtures');

test('a one-stop export and the national sync payload, imported as they are, names mapped, rejected rows imported again', async ({
  page,
}) => {
  await page.goto('/admin/import');
  const result = page.getByRole('status').filter({ hasText: 'Đã nạp xong' });

  // The spreadsheet export: the header under the title block, the footer skipped, two names unknown.
  await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles(path.join(FIXTURES, 'so-theo-doi-ho-so.xlsx'));
  await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
  await expect(result.getByRole('heading')).toContainText(/Đã nạp xong \(lần nạp #\d+\): 19 dòng hồ sơ/);
  await expect(result.locator('[data-count=inserted]')).toHaveText(String(EXPECTED.counts.imported));
  await expect(result.locator('[data-count=skipped]')).toHaveText(String(EXPECTED.counts.skipped + EXPECTED.footerRows.length));
  await expect(result.getByRole('list', { name: 'Dòng bỏ qua' })).toContainText('Tổng cộng: 15 hồ sơ');
  const unknown = result.getByRole('table', { name: 'Tên chưa xác định được đơn vị hoặc thủ tục' });
  await expect(unknown).toContainText('UBND xã Không Tồn Tại');
  await expect(unknown).toContainText('Đăng kí kết hôn');
  await snapshot(page, 'import-so-theo-doi');

  // The mapping step: the misspelled procedure is "Đăng ký kết hôn"; then the rejected rows again.
  await page.reload();
  const step = page.getByRole('region', { name: 'Tên chưa xác định được đơn vị hoặc thủ tục' });
  const form = step.getByRole('form', { name: 'Gán “Đăng kí kết hôn”' }).first();
  await form.getByRole('combobox').selectOption({ label: 'Đăng ký kết hôn (1.000894)' });
  await snapshot(page, 'import-mapping-step');
  await form.getByRole('button', { name: 'Gán' }).click();
  await expect(form.getByRole('status')).toHaveText('Đã gán “Đăng kí kết hôn” cho thủ tục mã 1.000894.');
  const id = await step.locator('[data-unresolved-import]').first().getAttribute('data-unresolved-import');
  const imports = step.locator(`[data-unresolved-import="${id}"]`);
  await imports.getByRole('button', { name: 'Nhập lại các dòng bị từ chối' }).click();
  await expect(imports.getByRole('status').last()).toContainText(/thêm mới 1, cập nhật 0, vẫn bị từ chối 2/);
  // The import of the rejected rows is listed first now, with the one name still unknown.
  await expect(imports).toContainText(/đã được nhập lại ở lần nạp #\d+/);
  const retry = step.locator('[data-unresolved-import]').first();
  await expect(retry).toContainText('UBND xã Không Tồn Tại');
  await expect(retry).not.toContainText('Đăng kí kết hôn');
  await snapshot(page, 'import-retried');

  // The national sync payload: records not yet received skipped, the agency identifier not yet known.
  await page.goto('/admin/import');
  await page.getByLabel('Tệp dữ liệu (.csv, .xlsx, .json)').setInputFiles(path.join(FIXTURES, 'dongbo-quang-ngai.json'));
  await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
  await expect(result.getByRole('heading')).toContainText(/Đã nạp xong \(lần nạp #\d+\): 22 dòng hồ sơ/);
  await expect(result.locator('[data-count=skipped]')).toHaveText('2');
  await expect(result.getByRole('table', { name: /lỗi/ })).toContainText('TrangThaiHoSo');
  // Each rejected record named by its MaHoSo.
  await expect(result.getByRole('table', { name: /lỗi/ })).toContainText('H48.23293-');
  await snapshot(page, 'import-dongbo');
});
