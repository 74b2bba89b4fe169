// A unit's figures by field (lĩnh vực) and by procedure: where the late dossiers come from.
import { NO_VALUE, formatNumber, formatPercent } from '@/lib/format';
import type { Breakdown as BreakdownData, BreakdownRow } from '@/lib/views';

const PROCEDURE_ROWS = 15;

function Rate({
  value,
  numerator,
  denominator,
  met,
}: {
  value: number | null;
  numerator: number;
  denominator: number;
  met: boolean | null;
}) {
  if (value === null) return <span title="Chưa có hồ sơ trong kỳ">{NO_VALUE}</span>;
  return (
    <span className="tip" tabIndex={0} data-tip={`${formatNumber(numerator)} / ${formatNumber(denominator)} hồ sơ`}>
      {formatPercent(value)}
      {met === false ? <span aria-label=" chưa đạt chỉ tiêu"> ✗</span> : met ? <span aria-label=" đạt chỉ tiêu"> ✓</span> : null}
    </span>
  );
}

function Rows({ rows, head }: { rows: BreakdownRow[]; head: string }) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="num">
            Tiếp nhận
          </th>
          <th scope="col" className="num">
            Đã giải quyết
          </th>
          <th scope="col" className="num">
            Trễ hạn
          </th>
          <th scope="col" className="num">
            Đúng hạn (766)
          </th>
          <th scope="col" className="num">
            Trực tuyến
          </th>
          <th scope="col" className="num">
            Số hóa
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-code={r.code}>
            <th scope="row">{r.name}</th>
            <td className="num">{formatNumber(r.counts.received)}</td>
            <td className="num">{formatNumber(r.counts.resolved.total)}</td>
            <td className="num">{formatNumber(r.counts.resolved.late + r.counts.pending.late)}</td>
            <td className="num">
              <Rate {...r.kpis.onTime} />
            </td>
            <td className="num">
              <Rate {...r.kpis.online} />
            </td>
            <td className="num">
              <Rate {...r.kpis.digitized} />
            </td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

export function Breakdown({ breakdown: b }: { breakdown: BreakdownData }) {
  return (
    <section className="panel" aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">Theo lĩnh vực và thủ tục</h2>
      {b.fields.length === 0 ? (
        <p className="empty">Chưa có hồ sơ trong kỳ.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data breakdown">
              <caption>
                Theo lĩnh vực, nhiều hồ sơ tiếp nhận nhất trước; trễ hạn gồm đã giải quyết trễ và đang quá hạn; ✗ chưa đạt, ✓ đạt
                chỉ tiêu
              </caption>
              <Rows rows={b.fields} head="Lĩnh vực" />
            </table>
          </div>
          <details className="chart-table">
            <summary>
              Theo thủ tục ({formatNumber(Math.min(PROCEDURE_ROWS, b.procedures.length))} thủ tục nhiều hồ sơ nhất /{' '}
              {formatNumber(b.procedures.length)})
            </summary>
            <div className="table-scroll">
              <table className="data">
                <caption>Thủ tục có nhiều hồ sơ tiếp nhận nhất trong kỳ</caption>
                <Rows rows={b.procedures.slice(0, PROCEDURE_ROWS)} head="Thủ tục" />
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
