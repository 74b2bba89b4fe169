import type { Metadata } from 'next';
import Link from 'next/link';
import { signOutAction } from '@/app/login/actions';
import { env } from '@/lib/env';
import { ROLE_ACTIONS, ROLE_LABELS, viewer } from '@/lib/server/access';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TTHC Monitor', template: '%s · TTHC Monitor' },
  description: 'Theo dõi tình hình giải quyết hồ sơ thủ tục hành chính theo Quyết định 766/QĐ-TTg',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Only to show the menu that fits; every page and API route still passes the gate itself.
  const actor = await viewer();
  const can = (action: (typeof ROLE_ACTIONS)['admin'][number]) => actor !== null && ROLE_ACTIONS[actor.role].includes(action);
  const national = env.TTHC_MODE === 'national';
  return (
    <html lang="vi">
      <body>
        <a className="skip-link" href="#main">
          Bỏ qua, đến nội dung chính
        </a>
        <header className="site-header">
          <Link href={actor || national ? '/' : '/cong-khai'} className="brand">
            <span aria-hidden="true" className="brand-mark">
              TT
            </span>{' '}
            TTHC Monitor
          </Link>
          {national ? (
            // A national instance (issue 20): the national pages only; a province's staff, their province's.
            <nav aria-label="Chính">
              {can('national') && actor?.province ? (
                <Link href={`/quoc-gia/${encodeURIComponent(actor.province)}`}>Tỉnh của tôi</Link>
              ) : null}
              {can('national') && !actor?.province ? <Link href="/quoc-gia">Các tỉnh</Link> : null}
              {can('national') ? <Link href="/quoc-gia/don-vi">Xã, phường</Link> : null}
              {can('national') ? <Link href="/quoc-gia/don-vi?cap=so_nganh">Sở, ngành</Link> : null}
              {can('admin') ? <Link href="/admin/audit">Nhật ký</Link> : null}
            </nav>
          ) : (
            <nav aria-label="Chính">
              {actor ? <Link href="/">Tổng quan</Link> : null}
              {can('aggregates') ? <Link href="/rankings">Xếp hạng</Link> : null}
              {can('dossiers') ? <Link href="/late">Chậm muộn</Link> : null}
              {can('dossiers') ? <Link href="/overdue">Hồ sơ trễ hạn</Link> : null}
              {actor?.unit && can('dossiers') ? (
                <Link href={`/units/${encodeURIComponent(actor.unit.code)}`}>Đơn vị của tôi</Link>
              ) : null}
              {can('import') && actor?.kind === 'user' ? <Link href="/admin/import">Nạp dữ liệu</Link> : null}
              {can('admin') ? <Link href="/admin/audit">Nhật ký</Link> : null}
              {can('admin') ? <Link href="/admin/publish">Công bố</Link> : null}
              <Link href="/cong-khai">Công khai</Link>
            </nav>
          )}
          <div className="who">
            {actor ? (
              <>
                <span>
                  {actor.name} · {ROLE_LABELS[actor.role]}
                </span>
                <form action={signOutAction}>
                  <button type="submit">Đăng xuất</button>
                </form>
              </>
            ) : (
              <Link href="/login">Đăng nhập</Link>
            )}
          </div>
        </header>
        <div id="main">{children}</div>
        <footer className="site-footer">Số liệu theo bộ chỉ số Quyết định 766/QĐ-TTg · Giờ Việt Nam (UTC+7)</footer>
      </body>
    </html>
  );
}
