// How current each province's figures are on a national instance (issue 20): "Số liệu đến …", the replication lag, and
// a province offline shown stale since the time its last figures are of ("Mất kết nối từ …"). Plain props.
import Link from 'next/link';
import { formatDateTime, formatLag } from '@/lib/format';

export interface ProvinceFreshness {
  province: string;
  name: string;
  href?: string | null;
  /** Streaming: its figures follow the province's within seconds. */
  live: boolean;
  /** The province's data up to this time is here; null before the initial copy finished. */
  asOf: Date | null;
}

/** "Số liệu đến dd/MM/yyyy HH:mm", or why there is none yet. */
export function asOfText(p: Pick<ProvinceFreshness, 'asOf'>): string {
  return p.asOf ? `Số liệu đến ${formatDateTime(p.asOf)}` : 'Chưa sao chép xong số liệu ban đầu';
}

function Status({ p }: { p: ProvinceFreshness }) {
  if (p.live) return <span className="badge good">✓ Đang cập nhật</span>;
  return <span className="badge bad">⚠ {p.asOf ? `Mất kết nối từ ${formatDateTime(p.asOf)}` : 'Chưa kết nối'}</span>;
}

export function FreshnessTable({ provinces, now }: { provinces: ProvinceFreshness[]; now: Date }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption>Độ cập nhật số liệu của từng tỉnh (giờ Việt Nam)</caption>
        <thead>
          <tr>
            <th scope="col">Tỉnh</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Số liệu đến</th>
            <th scope="col" className="num">
              Độ trễ
            </th>
          </tr>
        </thead>
        <tbody>
          {provinces.map((p) => (
            <tr key={p.province} data-province={p.province}>
              <th scope="row">{p.href ? <Link href={p.href}>{p.name}</Link> : p.name}</th>
              <td>
                <Status p={p} />
              </td>
              <td>{p.asOf ? formatDateTime(p.asOf) : '—'}</td>
              <td className="num">{p.asOf ? formatLag(now.getTime() - p.asOf.getTime()) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A province page's line on its figures: how current, and a visible warning when the province is offline. */
export function FreshnessNotice({ province, now }: { province: ProvinceFreshness; now: Date }) {
  if (province.live)
    return (
      <p className="muted">
        {asOfText(province)} · độ trễ {province.asOf ? formatLag(now.getTime() - province.asOf.getTime()) : '—'}
      </p>
    );
  return (
    <p className="error-box" role="status">
      <strong>⚠ {province.asOf ? `Mất kết nối từ ${formatDateTime(province.asOf)}` : 'Chưa kết nối được với tỉnh'}.</strong> Đang
      hiển thị số liệu cuối cùng nhận được{province.asOf ? ` (${asOfText(province).toLowerCase()})` : ''}; số liệu sẽ tự cập nhật
      khi tỉnh kết nối lại.
    </p>
  );
}
