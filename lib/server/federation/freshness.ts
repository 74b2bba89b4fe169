// How current each federated province's figures are in a national database (issue 20): "số liệu đến …".
// One statement, shared by `npm run federation -- status` and the national reads.
import 'server-only';

/** A province's freshness as the national database sees it. */
export interface Freshness {
  name: string;
  province: string;
  /** Streaming with every table copied: its figures follow the province's within seconds. */
  live: boolean;
  /** The province's data up to this time (its clock) is here; null before the initial copy finished. */
  asOf: Date | null;
}

/**
 * The apply worker of a subscription reports, with `latest_end_time`, the province's time of the last WAL end it was
 * told of and had received and applied everything before: everything the province had committed by then is here. A
 * live subscription records it in federated_provinces.seen_at, which is what a province offline (its worker stopped,
 * pg_stat_subscription's pid null) keeps showing: its last data, stale since then.
 */
export const FRESHNESS_SQL = `
  WITH s AS (
    SELECT f.name, f.province, f.seen_at, st.latest_end_time,
           st.pid IS NOT NULL AND st.latest_end_time IS NOT NULL AND sub.subenabled
             AND NOT EXISTS (SELECT 1 FROM pg_subscription_rel r WHERE r.srsubid = sub.oid AND r.srsubstate <> 'r') AS live
    FROM federated_provinces f
    LEFT JOIN pg_subscription sub ON sub.subname = f.subscription
    LEFT JOIN pg_stat_subscription st ON st.subid = sub.oid AND st.worker_type = 'apply'
  ),
  seen AS (
    UPDATE federated_provinces f SET seen_at = s.latest_end_time FROM s
    WHERE f.name = s.name AND s.live AND (f.seen_at IS NULL OR f.seen_at < s.latest_end_time)
    RETURNING f.name
  )
  SELECT name, province, COALESCE(live, false) AS live,
         CASE WHEN live THEN greatest(latest_end_time, seen_at) ELSE seen_at END AS "asOf"
  FROM s ORDER BY name`;
