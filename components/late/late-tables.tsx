// The late-unit and late-official lists (Danh sách đơn vị / cán bộ chậm muộn).
import { formatNumber, formatPercent } from '@/lib/format';
import type { LateHandler, LateUnit } from '@/lib/server/queries/late';

const LEVEL = { tinh: 'Tỉnh', so_nganh: 'Sở, ngành', huyen: 'Huyện', xa: 'Xã' } as const;

export function LateUnitsTable({ rows, caption }: { rows: LateUnit[]; caption: string }) {
  if (rows.length === 0) return <p className="empty">Không có đơn vị nào có hồ sơ trễ hạn trong kỳ.</p>;
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Đơn vị</th>
          <th scope="col">Cấp</th>
          <th scope="col" className="num">Đã giải quyết trễ hạn</th>
          <th scope="col" className="num">Đang giải quyết quá hạn</th>
          <th scope="col" className="num">Tỷ lệ trễ hạn</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unit.code}>
            <th scope="row">{r.unit.name}</th>
            <td>{LEVEL[r.unit.level]}</td>
            <td className="num">{formatNumber(r.resolvedLate)}</td>
            <td className="num">{formatNumber(r.pendingLate)}</td>
            <td className="num" title={`${formatNumber(r.lateRate.numerator)} / ${formatNumber(r.lateRate.denominator)} hồ sơ đã và đang giải quyết`}>
              {formatPercent(r.lateRate.value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LateHandlersTable({ rows, caption }: { rows: LateHandler[]; caption: string }) {
  if (rows.length === 0) return <p className="empty">Không có cán bộ nào có hồ sơ trễ hạn trong kỳ.</p>;
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Cán bộ xử lý</th>
          <th scope="col">Đơn vị</th>
          <th scope="col" className="num">Đã giải quyết trễ hạn</th>
          <th scope="col" className="num">Đang giải quyết quá hạn</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.handler}|${r.unit.code}`}>
            <th scope="row">{r.handler}</th>
            <td>{r.unit.name}</td>
            <td className="num">{formatNumber(r.resolvedLate)}</td>
            <td className="num">{formatNumber(r.pendingLate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
