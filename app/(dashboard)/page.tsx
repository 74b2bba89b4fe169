// Tổng quan: the province's month at a glance. Aggregate figures: every signed-in role.
import { Suspense } from 'react';
import { connection } from 'next/server';
import { InvalidMonth, MonthPicker, monthParam } from '@/components/overview/month-picker';
import { OverviewCards, OverviewTable } from '@/components/overview/widgets';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { formatMonth } from '@/lib/format';
import { pageGate, unitPageHref } from '@/lib/server/access';

export default async function OverviewPage({ searchParams }: PageProps<'/'>) {
  await connection(); // live numbers: render on every request
  const { month, invalid } = monthParam(await searchParams);
  const scope = await pageGate('aggregates', {}, `/?month=${month}`);
  const href = unitPageHref(scope);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Tổng quan {formatMonth(month)}</h1>
          <p>Tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính toàn tỉnh</p>
        </div>
        <MonthPicker month={month} basePath="/" />
      </div>
      <InvalidMonth value={invalid} month={month} />
      <Suspense key={`cards-${month}`} fallback={<CardsSkeleton />}>
        <OverviewCards month={month} unitCode={null} />
      </Suspense>
      <Suspense key={`table-${month}`} fallback={<TableSkeleton />}>
        <OverviewTable month={month} unitCode={null} href={href} />
      </Suspense>
    </main>
  );
}
