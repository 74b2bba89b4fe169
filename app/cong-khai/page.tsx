// Công khai: the months an admin has published, for everyone (no sign-in). The newest opens by default.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { pageGate } from '@/lib/server/access';
import { listPublishedMonths } from '@/lib/server/queries/published';

export const metadata: Metadata = { title: 'Công khai kết quả giải quyết TTHC' };

export default async function PublicIndex() {
  await connection();
  await pageGate('published', {}, '/cong-khai');
  const months = await listPublishedMonths();
  if (months.length > 0) redirect(`/cong-khai/${months[0]!.month}`);
  return (
    <main className="page">
      <h1>Công khai kết quả giải quyết thủ tục hành chính</h1>
      <p className="empty">
        Chưa có tháng nào được công bố. <Link href="/login">Đăng nhập</Link> nếu bạn là cán bộ.
      </p>
    </main>
  );
}
