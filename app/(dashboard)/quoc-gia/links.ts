// The national pages' URLs (issue 20): every choice in the query string, the period's too, so a view can be shared.
import { periodHref } from '@/components/period/period-filter';
import type { NamedPeriod } from '@/lib/kpi';
import type { RankingKey } from '@/lib/views';

export type NationalLevel = 'so_nganh' | 'huyen' | 'xa';
export const NATIONAL_LEVELS: readonly NationalLevel[] = ['xa', 'huyen', 'so_nganh'];

/** The league of provinces. */
export const provinceLeagueHref = (period: NamedPeriod, kpi: RankingKey = 'score') =>
  periodHref('/quoc-gia', period, { chiso: kpi === 'score' ? null : kpi });

/** A province's page, its units of one level ranked. */
export const provinceHref = (province: string, period: NamedPeriod, q: { cap?: NationalLevel; chiso?: RankingKey } = {}) =>
  periodHref(`/quoc-gia/${encodeURIComponent(province)}`, period, {
    cap: q.cap && q.cap !== 'xa' ? q.cap : null,
    chiso: q.chiso && q.chiso !== 'score' ? q.chiso : null,
  });

/** The national league of one level of units, every province's or one's. */
export const unitLeagueHref = (period: NamedPeriod, q: { cap?: NationalLevel; tinh?: string | null; chiso?: RankingKey } = {}) =>
  periodHref('/quoc-gia/don-vi', period, {
    cap: q.cap && q.cap !== 'xa' ? q.cap : null,
    tinh: q.tinh,
    chiso: q.chiso && q.chiso !== 'score' ? q.chiso : null,
  });
