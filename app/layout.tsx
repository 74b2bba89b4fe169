import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TTHC Monitor', template: '%s · TTHC Monitor' },
  description: 'Theo dõi tình hình giải quyết hồ sơ thủ tục hành chính theo Quyết định 766/QĐ-TTg',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="vi">
      <body>
        <a className="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
        <header className="site-header">
          <Link href="/" className="brand">
            <span aria-hidden="true" className="brand-mark">TT</span> TTHC Monitor
          </Link>
          <nav aria-label="Chính">
            <Link href="/">Tổng quan</Link>
          </nav>
        </header>
        <div id="main">{children}</div>
        <footer className="site-footer">
          Số liệu theo bộ chỉ số Quyết định 766/QĐ-TTg · Giờ Việt Nam (UTC+7)
        </footer>
      </body>
    </html>
  );
}
