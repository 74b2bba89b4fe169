// Nạp dữ liệu: upload a CSV/XLSX file of dossiers or a catalogue (the form streams it to POST /api/v1/imports and shows
// the progress and the result), and below it the import history, newest first, paged.
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pageGate } from '@/lib/server/access';
import { listImportBatches, listUnresolvedImports } from '@/lib/server/queries/imports';
import { listProcedures } from '@/lib/server/queries/catalog';
import { listUnitsInScope } from '@/lib/server/queries/units';
import { UNIT_LEVEL_LABELS } from '@/lib/kpi';
import { listCeasedBindings } from '@/lib/server/queries/unit-history';
import { requestNow } from '@/lib/server/request-cache';
import { localDayOf } from '@/lib/calendar';
import { formatLocalDay } from '@/lib/format';
import { ImportForm } from './import-form';
import { KIND_LABELS } from './kinds';
import { MapNameForm, RetryRejectedForm } from './mapping';

export const metadata: Metadata = { title: 'Nạp dữ liệu' };

const PAGE_SIZE = 20;
const STATUS = { running: 'Đang chạy', done: 'Xong', failed: 'Thất bại' } as const;
const CEASED_KIND = { user: 'Tài khoản', token: 'Khóa API', target: 'Chỉ tiêu' } as const;

/** How an import came in, for the history: "Tải lên", "Dòng lệnh", "API (token:…)". */
function via(source: string): string {
  if (source.startsWith('upload:')) return 'Tải lên';
  if (source.startsWith('api:')) return `API (${source.slice(4)})`;
  if (source === 'cli') return 'Dòng lệnh';
  return source;
}

export default async function ImportPage({ searchParams }: PageProps<'/admin/import'>) {
  await connection();
  const scope = await pageGate('import', {}, '/admin/import');
  const raw = (await searchParams).trang;
  const page = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
  const today = localDayOf(requestNow());
  const [{ rows, total }, ceased, unresolved] = await Promise.all([
    listImportBatches(scope, page, PAGE_SIZE),
    listCeasedBindings(today),
    listUnresolvedImports(scope),
  ]);
  // The mapping step changes the catalogue: province-wide importers only. Units of today first, then former ones.
  const canMap = scope.path === '/' && unresolved.length > 0;
  const [units, procedures] = canMap ? await Promise.all([listUnitsInScope('/', today), listProcedures()]) : [[], []];
  const unitChoices = units.map((u) => ({ code: u.code, label: `${u.name} (${UNIT_LEVEL_LABELS[u.level]}, mã ${u.code})` }));
  const procedureChoices = procedures.map((p) => ({ code: p.code, label: `${p.name} (${p.code})` }));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Nạp dữ liệu</h1>
          <p>
            Tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc Excel .xlsx với tiêu đề cột theo tên trường của Cổng DVC quốc gia
            (MaHoSo, NgayTiepNhan…) hoặc tên tiếng Việt — kể cả “Sổ theo dõi hồ sơ” xuất nguyên từ hệ thống một cửa (dòng tiêu đề
            bên dưới phần đầu báo cáo, đơn vị và thủ tục theo tên) — hoặc tệp .json gói DongBoHoSoMC gửi Cổng DVC quốc gia. Dòng
            hợp lệ được ghi theo mã (thêm mới hoặc cập nhật); nạp lại cùng tệp không thay đổi gì; hồ sơ chưa được tiếp nhận và
            dòng cuối bảng được bỏ qua; dòng lỗi được liệt kê kèm lý do. Dữ liệu cá nhân (chủ hồ sơ, điện thoại…) không được lưu.
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">Tải tệp lên</h2>
        <ImportForm />
      </section>
      {unresolved.length > 0 ? (
        <section className="panel" aria-labelledby="unresolved-title">
          <h2 id="unresolved-title">Tên chưa xác định được đơn vị hoặc thủ tục</h2>
          <p>
            Các dòng dưới đây bị từ chối vì tên đơn vị hoặc thủ tục trong tệp không khớp danh mục.{' '}
            {scope.path === '/'
              ? 'Gán mỗi tên một lần (tên được ghi nhớ cho các lần nạp sau), rồi nhập lại các dòng bị từ chối.'
              : 'Quản trị toàn tỉnh gán tên vào danh mục; sau đó nhập lại các dòng bị từ chối.'}
          </p>
          {unresolved.map((b) => (
            <div key={b.id} data-unresolved-import={b.id}>
              <h3>
                Lần nạp #{b.id} · {b.fileName ?? 'API'} · {formatDateTime(b.startedAt)}
              </h3>
              {b.retriedBy !== null ? (
                <p className="muted">Các dòng bị từ chối đã được nhập lại ở lần nạp #{b.retriedBy}.</p>
              ) : null}
              {b.unresolved!.map((u) =>
                canMap ? (
                  <MapNameForm
                    key={`${u.kind}:${u.value}`}
                    kind={u.kind}
                    name={u.value}
                    rows={u.rows}
                    choices={u.kind === 'unit' ? unitChoices : procedureChoices}
                  />
                ) : (
                  <p key={`${u.kind}:${u.value}`}>
                    {u.kind === 'unit' ? 'Đơn vị' : 'Thủ tục'} “{u.value}”: {formatNumber(u.rows)} dòng
                  </p>
                ),
              )}
              <RetryRejectedForm importId={b.id} />
            </div>
          ))}
        </section>
      ) : null}
      {ceased.length > 0 ? (
        <section className="panel" aria-labelledby="ceased-title">
          <h2 id="ceased-title">Còn gắn với đơn vị đã thôi hoạt động</h2>
          <p className="muted">
            Sau khi sắp xếp đơn vị hành chính, các tài khoản, khóa API và chỉ tiêu dưới đây vẫn gắn với đơn vị cũ. Gắn lại tài
            khoản bằng <code>npm run user -- --set-unit TÊN --unit MÃ</code>; khóa API: thu hồi và tạo lại cho đơn vị mới; chỉ
            tiêu: nạp lại cho đơn vị mới.
          </p>
          <table className="data">
            <caption>{formatNumber(ceased.length)} mục cần gắn lại</caption>
            <thead>
              <tr>
                <th scope="col">Loại</th>
                <th scope="col">Tên</th>
                <th scope="col">Đơn vị cũ</th>
                <th scope="col">Đơn vị hiện nay thay thế</th>
              </tr>
            </thead>
            <tbody>
              {ceased.map((b) => (
                <tr key={`${b.kind}:${b.label}:${b.unit.code}`}>
                  <td>{CEASED_KIND[b.kind]}</td>
                  <td>{b.label}</td>
                  <td>
                    {b.unit.name} ({b.unit.code}), hoạt động đến hết {formatLocalDay(b.unit.validTo)}
                  </td>
                  <td>{b.representative ? `${b.representative.name} (${b.representative.code})` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Lịch sử nạp dữ liệu</h2>
        {rows.length === 0 ? (
          <p className="empty">Chưa có lần nạp nào.</p>
        ) : (
          <table className="data">
            <caption>
              {formatNumber(total)} lần nạp, mới nhất trước · trang {page}/{pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Số</th>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người nạp</th>
                <th scope="col">Cách nạp</th>
                <th scope="col">Tệp</th>
                <th scope="col">Loại</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" className="num">
                  Thêm mới
                </th>
                <th scope="col" className="num">
                  Cập nhật
                </th>
                <th scope="col" className="num">
                  Không đổi
                </th>
                <th scope="col" className="num">
                  Bỏ qua
                </th>
                <th scope="col" className="num">
                  Bị từ chối
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id} data-import={b.id}>
                  <th scope="row">#{b.id}</th>
                  <td>{formatDateTime(b.startedAt)}</td>
                  <td>{b.userName ?? (b.source.includes(':') ? b.source.replace(/^(upload|api):/, '') : '—')}</td>
                  <td>{via(b.source)}</td>
                  <td>{b.fileName ?? '—'}</td>
                  <td>{KIND_LABELS[b.kind as keyof typeof KIND_LABELS] ?? b.kind}</td>
                  <td>{STATUS[b.status]}</td>
                  <td className="num">{formatNumber(b.inserted)}</td>
                  <td className="num">{formatNumber(b.updated)}</td>
                  <td className="num">{formatNumber(b.unchanged)}</td>
                  <td className="num">{formatNumber(b.skipped)}</td>
                  <td className="num">
                    {b.rejected > 0 ? (
                      <a href={`/api/v1/imports/${b.id}/rejected`} download>
                        {formatNumber(b.rejected)} (tải các dòng bị từ chối)
                      </a>
                    ) : (
                      formatNumber(b.rejected)
                    )}
                    {b.unresolved?.length ? (
                      <span className="muted">
                        {' '}
                        · chưa xác định:{' '}
                        {b.unresolved
                          .slice(0, 3)
                          .map((u) => `${u.kind === 'unit' ? 'đơn vị' : 'thủ tục'} “${u.value}” (${formatNumber(u.rows)} dòng)`)
                          .join(', ')}
                        {b.unresolved.length > 3 ? ` và ${formatNumber(b.unresolved.length - 3)} tên khác` : ''}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label="Trang lịch sử" className="filters">
            {page > 1 ? <Link href={`/admin/import?trang=${page - 1}`}>← Mới hơn</Link> : null}
            {page < pages ? <Link href={`/admin/import?trang=${page + 1}`}>Cũ hơn →</Link> : null}
          </nav>
        ) : null}
      </section>
    </main>
  );
}
