// Test data for lib/kpi's tests: local times and a dossier with everything defaulted (received Monday 10/03/2025
// 09:00, due Friday 14/03/2025 end of day, unfinished).
import type { KpiDossier } from './types';

/** A local (UTC+7) time: at('2025-03-10T09:00:00'). */
export const at = (local: string) => new Date(`${local}+07:00`);

/** Friday, end of day: a typical NgayHenTra. */
export const D = '2025-03-14T23:59:59.999';

/** A dossier; string values of `over` are local times. */
export function dossier(over: Partial<Record<keyof KpiDossier, unknown>> = {}): KpiDossier {
  const base: KpiDossier = {
    receivedAt: at('2025-03-10T09:00:00'),
    deadlineAt: at(D),
    processedAt: null,
    returnedAt: null,
    rejectedAt: null,
    withdrawnAt: null,
    supplementRequestedAt: null,
    supplementCompletedAt: null,
    supplementCount: 0,
    channel: 1,
    fee: null,
    onlinePayment: null,
    digitized: false,
    eResult: false,
    reusedData: false,
    rating: null,
    apologyAt: null,
    hasPaperResult: true,
  };
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over)) out[k] = typeof v === 'string' ? at(v) : v;
  return out as unknown as KpiDossier;
}
