import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        Địa chỉ này không có trong TTHC Monitor. <Link href="/">Về trang Tổng quan</Link>
      </p>
    </main>
  );
}
