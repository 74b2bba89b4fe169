// The legal basis of the period's one-stop processing (SPEC §6): the decree in force, both with their dates for a
// period across 1/7/2025.
import { formatLocalDay } from '@/lib/format';
import { legalBasesOf } from '@/lib/units';

export function LegalBasisNote({ period }: { period: { from: string; to: string } }) {
  const bases = legalBasesOf(period);
  return (
    <p className="muted legal-basis">
      Căn cứ:{' '}
      {bases.map((b, i) => (
        <span key={b.oneStop}>
          {i > 0 ? '; ' : ''}
          {b.oneStop}
          {bases.length > 1 ? (b.to ? ` (đến ${formatLocalDay(b.to)})` : ` (từ ${formatLocalDay(b.from!)})`) : ''}
        </span>
      ))}
      .
    </p>
  );
}
