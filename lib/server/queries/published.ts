// Months published to the public view, and the admin's publish / unpublish.
import 'server-only';
import { getDb } from '@/lib/server/db';
import { db, sql } from '@/lib/server/sql';

export interface PublishedMonth {
  month: string;
  publishedAt: Date;
  publishedBy: string;
  showHandlers: boolean;
}

export async function listPublishedMonths(): Promise<PublishedMonth[]> {
  const rows = await db()
    .selectFrom('published_months')
    .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'published_at', 'published_by', 'show_handlers'])
    .orderBy('month', 'desc') // the output column 'YYYY-MM', in the order of the dates
    .execute();
  return rows.map((r) => ({
    month: r.month,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    showHandlers: r.show_handlers,
  }));
}

export async function publishMonth(month: string, by: string, showHandlers: boolean): Promise<void> {
  await getDb().$executeRaw`
    INSERT INTO published_months (month, published_by, show_handlers) VALUES (${`${month}-01`}::date, ${by}, ${showHandlers})
    ON CONFLICT (month) DO UPDATE SET published_at = now(), published_by = excluded.published_by, show_handlers = excluded.show_handlers`;
}

export async function unpublishMonth(month: string): Promise<boolean> {
  return (await getDb().$executeRaw`DELETE FROM published_months WHERE month = ${`${month}-01`}::date`) > 0;
}
