// Đăng nhập. A signed-in visitor goes straight on.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/auth/next-path';
import { viewer } from '@/lib/server/access';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Đăng nhập' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await viewer()) redirect(next);
  return (
    <main className="page narrow">
      <h1>Đăng nhập</h1>
      <p className="muted">
        Dành cho cán bộ được cấp tài khoản. Bảng xếp hạng đã công bố xem tại <Link href="/cong-khai">trang công khai</Link>.
      </p>
      <SignInForm next={next} />
    </main>
  );
}
