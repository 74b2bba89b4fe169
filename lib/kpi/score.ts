// The 766 score estimate (SPEC §3): each indicator earns its points when it reaches its target, pro rata below it.
import type { KpiKey, Ratio } from './types';

export interface ScoreWeight {
  kpi: KpiKey;
  points: number;
  target: number;
}

export interface Score {
  /** 100 × Σ earned / Σ max over the indicators with a value; null when none has one. */
  value: number | null;
  earned: number;
  max: number;
  parts: Array<{ kpi: KpiKey; value: number; points: number; target: number; earned: number }>;
}

export function computeScore(kpis: Partial<Record<KpiKey, Ratio>>, weights: readonly ScoreWeight[]): Score {
  const parts: Score['parts'] = [];
  for (const w of weights) {
    const value = kpis[w.kpi]?.value;
    if (value === null || value === undefined) continue; // left out of both sums
    const earned = value >= w.target ? w.points : (value * w.points) / w.target;
    parts.push({ kpi: w.kpi, points: w.points, target: w.target, value, earned });
  }
  let earned = 0;
  let max = 0;
  for (const p of parts) {
    earned += p.earned;
    max += p.points;
  }
  return { value: max === 0 ? null : (100 * earned) / max, earned, max, parts };
}
