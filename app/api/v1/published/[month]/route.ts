// GET /api/v1/published/<YYYY-MM>[?version=N] — a published month's frozen record (SPEC §7), the latest version by
// default, with the month's versions and what changed since the version before. Never a recomputation; a month not
// published (or withdrawn) is a 404. No sign-in needed.
import { z } from 'zod';
import { diffRecords, serializeRecord } from '@/lib/publication';
import { apiGet, monthParam, versionParam } from '@/lib/server/api';
import { getPublication } from '@/lib/server/queries/published';
import { NotFoundError } from '@/lib/server/errors';

const query = z.object({ month: monthParam, version: versionParam });

export const GET = apiGet(query, { action: 'published', month: (q) => q.month, version: (q) => q.version }, async (_q, scope) => {
  const { month, version, latest } = scope.published!;
  const p = await getPublication(month, version);
  if (!p) throw new NotFoundError('version_not_published', `Tháng ${month} không có phiên bản ${version} được công bố.`);
  return {
    month,
    version,
    latest,
    versions: p.versions,
    record: serializeRecord(p.record),
    changes: p.previous
      ? {
          since: p.versions[p.versions.findIndex((v) => v.version === version) - 1]!.version,
          ...diffRecords(p.previous, p.record),
        }
      : null,
  };
});
