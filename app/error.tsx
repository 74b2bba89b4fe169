'use client';
// Shown when a page fails: a message and a retry, never a stack trace.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <div className="error-box" role="alert">
        <h1 style={{ fontSize: '1.2rem', marginTop: 0 }}>Không tải được số liệu</h1>
        <p>Máy chủ hoặc cơ sở dữ liệu đang không phản hồi. Vui lòng thử lại sau ít phút.</p>
        {error.digest ? <p className="muted">Mã lỗi: {error.digest}</p> : null}
        <button className="button" type="button" onClick={() => reset()}>
          Thử lại
        </button>
      </div>
    </main>
  );
}
