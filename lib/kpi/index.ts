// The KPI engine (SPEC §2–3), pure.
export * from './types';
export * from './timing';
export * from './period';
export * from './kpis';
export * from './sums';
export * from './targets';
export * from './score';
export * from './ranking';
export * from './explain';
