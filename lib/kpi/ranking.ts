// League tables (SPEC §3): equal values share a rank (1, 2, 2, 4); small samples are listed, not ranked.
export interface RankInput<K> {
  key: K;
  value: number | null;
  /** The denominator behind the value (dossiers the value is made of). */
  sample: number;
}

export interface Ranked<K> extends RankInput<K> {
  /** null when not ranked: no value, or fewer than minSample dossiers. */
  rank: number | null;
}

/** Ranked rows first (best value first), then the unranked ones in their given order. */
export function rank<K>(rows: readonly RankInput<K>[], minSample: number, higherIsBetter = true): Ranked<K>[] {
  const rankable = rows.filter((r) => r.value !== null && r.sample >= minSample);
  const sorted = [...rankable].sort((a, b) => (higherIsBetter ? b.value! - a.value! : a.value! - b.value!));
  const out: Ranked<K>[] = [];
  sorted.forEach((r, i) => {
    const previous = out[i - 1];
    out.push({
      key: r.key,
      value: r.value,
      sample: r.sample,
      rank: previous && previous.value === r.value ? previous.rank : i + 1,
    });
  });
  const ranked = new Set(rankable);
  for (const r of rows) if (!ranked.has(r)) out.push({ key: r.key, value: r.value, sample: r.sample, rank: null });
  return out;
}
