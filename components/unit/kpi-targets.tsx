// Each KPI of a unit against its target, with a verdict in words and a symbol (never colour alone).
import { KPI_KEYS, KPI_LABELS } from '@/lib/kpi';
import { NO_VALUE, formatNumber, formatPercent, formatPoints } from '@/lib/format';
import type { KpiReport } from '@/lib/views';

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="muted">Không có chỉ tiêu hoặc số liệu</span>;
  return met ? <span className="badge good">✓ Đạt</span> : <span className="badge bad">✗ Chưa đạt</span>;
}

export function KpiTargets({
  report,
}: {
  report: { kpis: KpiReport['kpis']; score: Pick<KpiReport['score'], 'value' | 'target'> };
}) {
  const score = report.score;
  return (
    <section className="panel" aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">Chỉ số so với chỉ tiêu</h2>
      {/* Wider than a phone and without a link: the scroll box itself takes the keyboard's focus. */}
      <div className="table-scroll" role="region" aria-label="Giá trị và chỉ tiêu từng chỉ số" tabIndex={0}>
        <table className="data">
          <caption>
            Điểm ước tính theo 766: <strong>{formatPoints(score.value)}</strong>
            {score.target !== null ? ` / chỉ tiêu ${formatNumber(score.target)} điểm` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Chỉ số</th>
              <th scope="col" className="num">
                Giá trị
              </th>
              <th scope="col" className="num">
                Tử số / mẫu số
              </th>
              <th scope="col" className="num">
                Chỉ tiêu
              </th>
              <th scope="col">Đánh giá</th>
            </tr>
          </thead>
          <tbody>
            {KPI_KEYS.map((key) => {
              const k = report.kpis[key];
              return (
                <tr key={key} data-kpi={key}>
                  <th scope="row">{KPI_LABELS[key]}</th>
                  <td className="num" title={k.value === null ? 'Chưa có hồ sơ trong kỳ' : undefined}>
                    {formatPercent(k.value)}
                  </td>
                  <td className="num">
                    {formatNumber(k.numerator)} / {formatNumber(k.denominator)}
                  </td>
                  <td className="num">{k.target === null ? NO_VALUE : `≥ ${formatPercent(k.target)}`}</td>
                  <td>
                    <Verdict met={k.met} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
