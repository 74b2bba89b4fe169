// Placeholders shown while a widget's data streams in.
export function CardsSkeleton({ count = 5 }: { count?: number }) {
  return (
    <div className="cards" aria-busy="true" aria-label="Đang tải số liệu">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card">
          <div className="skeleton" style={{ height: 14, width: '60%', marginBottom: 10 }} />
          <div className="skeleton" style={{ height: 28, width: '45%' }} />
        </div>
      ))}
    </div>
  );
}

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <section className="panel" aria-busy="true" aria-label="Đang tải bảng">
      <div className="skeleton" style={{ height: 18, width: 260, marginBottom: 14 }} />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: 16, marginBottom: 10 }} />
      ))}
    </section>
  );
}
