// "Phi địa giới" (SPEC §6): the unit's dossiers received by other units, and those it received for others. The KPIs
// count every dossier under the unit that handles it; these say where the work came in.
import { StatCard } from '@/components/ui/stat-card';
import { formatNumber } from '@/lib/format';

export function ReceivingCounts({
  receivedElsewhere,
  receivedForOthers,
}: {
  receivedElsewhere: number;
  receivedForOthers: number;
}) {
  return (
    <div className="cards">
      <StatCard
        title="Tiếp nhận tại đơn vị khác"
        value={formatNumber(receivedElsewhere)}
        sub="hồ sơ của đơn vị do nơi khác tiếp nhận (phi địa giới)"
      />
      <StatCard
        title="Tiếp nhận thay đơn vị khác"
        value={formatNumber(receivedForOthers)}
        sub="hồ sơ đơn vị tiếp nhận, do đơn vị khác giải quyết"
      />
    </div>
  );
}
