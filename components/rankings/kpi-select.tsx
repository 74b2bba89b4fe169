// The league pages' "Xếp theo" choice (a GET form field named chiso): the 766 score or one KPI.
import { RANKING_CHOICES, type RankingKey } from '@/lib/views';

export function KpiSelect({ value }: { value: RankingKey }) {
  return (
    <>
      <label htmlFor="chiso">Xếp theo</label>
      <select id="chiso" name="chiso" defaultValue={value}>
        {RANKING_CHOICES.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}
