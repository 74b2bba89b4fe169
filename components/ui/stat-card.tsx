export function StatCard({ title, value, sub, alert = false }: { title: string; value: string; sub?: string; alert?: boolean }) {
  return (
    <section className={alert ? 'card alert' : 'card'} aria-label={title}>
      <h2>{title}</h2>
      <div className="value" data-testid={`stat-${title}`}>
        {value}
      </div>
      {sub ? <div className="sub">{sub}</div> : null}
    </section>
  );
}
