// GET /api/v1/published/<YYYY-MM>/notice.docx[?version=N] — the draft monthly notice (Thông báo, like Kon Tum
// 7087/TB-VP) of a published month, drawn from its frozen record only. No sign-in needed.
import { z } from 'zod';
import { buildNoticeDocx, noticeFileName } from '@/lib/publication/notice';
import { apiGet, monthParam, versionParam } from '@/lib/server/api';
import { getPublication } from '@/lib/server/queries/published';
import { NotFoundError } from '@/lib/server/errors';

const query = z.object({ month: monthParam, version: versionParam });

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const GET = apiGet(query, { action: 'published', month: (q) => q.month, version: (q) => q.version }, async (_q, scope) => {
  const { month, version } = scope.published!;
  const p = await getPublication(month, version);
  if (!p) throw new NotFoundError('version_not_published', `Tháng ${month} không có phiên bản ${version} được công bố.`);
  const bytes = await buildNoticeDocx(p.record, version);
  const name = noticeFileName(month, version);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': DOCX_TYPE,
      // RFC 6266: an ASCII fallback, and the Vietnamese name in UTF-8.
      'Content-Disposition': `attachment; filename="thong-bao-tthc-${month}-v${version}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
    },
  });
});
