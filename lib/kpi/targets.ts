// Targets (chỉ tiêu, SPEC §3): the most specific matching target applies.
import type { KpiKey } from './types';

export type UnitLevel = 'tinh' | 'so_nganh' | 'huyen' | 'xa';

/** Names of the levels of the unit tree, as the province's reports write them. */
export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  tinh: 'Cấp tỉnh',
  so_nganh: 'Sở, ban, ngành',
  huyen: 'Huyện, thành phố',
  xa: 'Xã, phường, thị trấn',
};

export interface TargetRule {
  id: number;
  kpi: KpiKey | 'score';
  year: number;
  threshold: number;
  /** Materialised path of the unit whose subtree the target covers ('/1/12/'); null = every unit. */
  unitPath: string | null;
  level: UnitLevel | null;
  fieldId: number | null;
}

export interface TargetSubject {
  kpi: KpiKey | 'score';
  year: number;
  unitPath: string;
  level: UnitLevel;
  /** The field the figures are filtered to, if any: a field-specific target only applies to that field's figures. */
  fieldId: number | null;
}

/**
 * The target that applies, or null. Specificity, strongest first: field-specific over general; then a deeper unit
 * over an ancestor; then level-specific over any level; a later target wins a complete tie.
 */
export function resolveTarget(rules: readonly TargetRule[], subject: TargetSubject): TargetRule | null {
  let best: TargetRule | null = null;
  let bestKey: number[] = [];
  for (const r of rules) {
    if (r.kpi !== subject.kpi || r.year !== subject.year) continue;
    if (r.unitPath !== null && !subject.unitPath.startsWith(r.unitPath)) continue;
    if (r.level !== null && r.level !== subject.level) continue;
    if (r.fieldId !== null && r.fieldId !== subject.fieldId) continue;
    const key = [r.fieldId !== null ? 1 : 0, r.unitPath?.length ?? 0, r.level !== null ? 1 : 0, r.id];
    if (!best || compare(key, bestKey) > 0) {
      best = r;
      bestKey = key;
    }
  }
  return best;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** "Đạt" when the value reaches the threshold; null when there is no value or no target. */
export function isMet(value: number | null, threshold: number | null): boolean | null {
  return value === null || threshold === null ? null : value >= threshold;
}
