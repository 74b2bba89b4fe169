// Shown (status 403) when the gate refuses a page: the user is signed in but may not see it.
import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="page">
      <div className="error-box" role="alert">
        <h1 style={{ fontSize: '1.2rem', marginTop: 0 }}>Không có quyền truy cập</h1>
        <p>Tài khoản của bạn không có quyền xem trang này. Nếu cần, hãy liên hệ quản trị viên của tỉnh.</p>
        <p>
          <Link href="/">Về trang của bạn</Link>
        </p>
      </div>
    </main>
  );
}
