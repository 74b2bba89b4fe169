// Nhật ký: the audit log for admins — sign-ins, refusals, exports, imports, token use, publications.
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { isLocalDay } from '@/lib/calendar';
import { formatDateTime } from '@/lib/format';
import { pageGate } from '@/lib/server/access';
import type { AuditAction } from '@/lib/server/audit';
import { listAudit } from '@/lib/server/queries/audit';

export const metadata: Metadata = { title: 'Nhật ký' };

const ACTIONS: Record<AuditAction, string> = {
  sign_in: 'Đăng nhập',
  sign_in_failed: 'Đăng nhập thất bại',
  sign_out: 'Đăng xuất',
  unauthenticated: 'Chưa xác thực (bị từ chối)',
  access_denied: 'Bị từ chối truy cập',
  export: 'Xuất dữ liệu',
  import: 'Nạp dữ liệu',
  token_use: 'Dùng mã API',
  month_published: 'Công bố tháng',
  month_republished: 'Công bố lại tháng (điều chỉnh)',
  month_unpublished: 'Thu hồi công bố',
  user_created: 'Tạo tài khoản',
  user_changed: 'Sửa tài khoản',
  token_created: 'Tạo mã API',
  token_revoked: 'Thu hồi mã API',
  name_mapped: 'Gán tên đơn vị/thủ tục khi nạp',
};

const day = z.string().refine(isLocalDay).optional().catch(undefined);
const filterSchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  action: z
    .enum(Object.keys(ACTIONS) as [AuditAction, ...AuditAction[]])
    .optional()
    .catch(undefined),
  from: day,
  to: day,
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .transform((v) => BigInt(v))
    .optional()
    .catch(undefined),
});

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  await connection();
  await pageGate('admin', {}, '/admin/audit');
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string' && v !== ''));
  const filter = filterSchema.parse(raw);
  const entries = await listAudit(filter, 100);
  const next =
    entries.length === 100
      ? `/admin/audit?${new URLSearchParams({ ...(raw as Record<string, string>), before: String(entries.at(-1)!.id) })}`
      : null;
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Nhật ký hệ thống</h1>
          <p>Ghi lại không sửa, không xóa được; giờ Việt Nam.</p>
        </div>
        <form className="filters" method="get" action="/admin/audit">
          <label htmlFor="actor">Người/hệ thống</label>
          <input id="actor" name="actor" defaultValue={filter.actor} placeholder="vd. kiemtra" />
          <label htmlFor="action">Hành động</label>
          <select id="action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">Tất cả</option>
            {Object.entries(ACTIONS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
          <label htmlFor="from">Từ</label>
          <input id="from" name="from" type="date" defaultValue={filter.from} />
          <label htmlFor="to">Đến</label>
          <input id="to" name="to" type="date" defaultValue={filter.to} />
          <button type="submit">Lọc</button>
        </form>
      </div>
      <section className="panel">
        {entries.length === 0 ? (
          <p className="empty">Không có mục nào khớp bộ lọc.</p>
        ) : (
          <table className="data">
            <caption>{filter.before ? 'Các mục cũ hơn' : '100 mục mới nhất'} khớp bộ lọc</caption>
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người/hệ thống</th>
                <th scope="col">Hành động</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={String(e.id)} data-action={e.action}>
                  <td>{formatDateTime(e.at)}</td>
                  <th scope="row">{e.actor}</th>
                  <td>{ACTIONS[e.action as AuditAction] ?? e.action}</td>
                  <td>{e.target ?? '—'}</td>
                  <td>
                    <code className="details">{e.details === null ? '' : JSON.stringify(e.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next ? (
          <p>
            <Link href={next}>Các mục cũ hơn →</Link>
          </p>
        ) : null}
      </section>
    </main>
  );
}
