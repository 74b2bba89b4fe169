// Auth.js endpoints (session, CSRF, sign-out, and the credentials callback). A username or an address locked by too
// many failed sign-ins gets 429 with Retry-After here before Auth.js sees the request (audited in signInWait).
import { handlers, signInWait } from '@/lib/server/auth';
import { clientAddress } from '@/lib/server/client';

export const GET = handlers.GET;

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const username = form?.get('username');
    const wait = typeof username === 'string' ? await signInWait(username, clientAddress(request.headers)) : 0;
    if (wait > 0) {
      return Response.json(
        { error: 'rate_limited', message: `Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.` },
        { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } },
      );
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
