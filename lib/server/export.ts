// Exports: a query streamed through a server-side cursor (constant memory, whatever the row count) into a file format
// (CSV, XLSX: lib/export), rate-limited per actor and written to the audit log with its filter and row count when the
// download ends.
import 'server-only';
import type { Compilable } from 'kysely';
import type { ExportFormat } from '@/lib/export/format';
import type { Scope } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db';
import { EXPORTS, hit, retryAfter } from '@/lib/server/rate-limit';
import { RateLimitedError } from '@/lib/server/errors';

const FETCH_ROWS = 2_000;

/** An export of the rows (of type `R`) of a query. */
export interface ExportSpec<R> {
  scope: Scope;
  /** What is exported, for the audit log (e.g. "overdue"). */
  what: string;
  /** The filter as the caller gave it, for the audit log. */
  filter: Record<string, unknown>;
  /** The query (Kysely, lib/server/sql.ts): compiled here and declared as the cursor. */
  query: Compilable<R>;
  /** The file format the rows are written in (its content type goes into the response). */
  format: ExportFormat<R>;
  fileName: string;
}

/** Refuses (429) when the actor exported too often; counts this export. */
export function checkExportLimit(scope: Scope): void {
  const key = `export:${scope.actor.label}`;
  const wait = retryAfter(key, EXPORTS);
  if (wait > 0) throw new RateLimitedError(wait);
  hit(key, EXPORTS);
}

/** Streams the rows of the query through a cursor in one read-only transaction, pausing while the client is slow. */
export function exportResponse<R>(spec: ExportSpec<R>): Response {
  checkExportLimit(spec.scope);
  let wake: (() => void) | null = null;
  let cancelled = false;
  let rows = 0;
  const waitForDemand = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  const finished = (complete: boolean, error?: unknown) =>
    audit(spec.scope.actor.label, 'export', spec.what, {
      filter: spec.filter,
      rows,
      complete,
      ...(error ? { error: String(error) } : {}),
    }).catch((e) => console.error(e));

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const file = spec.format.open((chunk) => {
          if (!cancelled) controller.enqueue(chunk);
        });
        getDb()
          .$transaction(
            async (tx) => {
              await tx.$executeRaw`SET TRANSACTION READ ONLY`;
              // Kysely's compiled text, its values bound as parameters (nothing of the request is spliced in).
              const query = spec.query.compile();
              await tx.$executeRawUnsafe(`DECLARE export_rows NO SCROLL CURSOR FOR ${query.sql}`, ...query.parameters);
              for (;;) {
                if (cancelled) return;
                // The cursor's rows are the query's.
                const batch = await tx.$queryRawUnsafe<R[]>(`FETCH ${FETCH_ROWS} FROM export_rows`);
                if (batch.length === 0) return file.close();
                rows += batch.length;
                await file.rows(batch);
                while (!cancelled && (controller.desiredSize ?? 1) <= 0) await waitForDemand();
              }
            },
            { maxWait: 10_000, timeout: 60 * 60_000 },
          )
          .then(
            async () => {
              await finished(!cancelled);
              if (!cancelled) controller.close();
            },
            async (e) => {
              console.error(e);
              await finished(false, e);
              if (!cancelled) controller.error(e);
            },
          );
      },
      pull() {
        wake?.();
        wake = null;
      },
      cancel() {
        cancelled = true;
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 8 },
  );

  return new Response(body, {
    headers: {
      'Content-Type': spec.format.contentType,
      'Content-Disposition': `attachment; filename="${spec.fileName}"; filename*=UTF-8''${encodeURIComponent(spec.fileName)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
