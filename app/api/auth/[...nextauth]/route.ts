// Auth.js endpoints (session, CSRF, sign-out, and the credentials callback). A username locked by too many failed
// sign-ins gets 429 with Retry-After here before Auth.js sees the request.
import { handlers, signInKey } from '@/lib/server/auth';
import { SIGN_IN_FAILURES, retryAfter } from '@/lib/server/rate-limit';

export const GET = handlers.GET;

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const form = await request.clone().formData().catch(() => null);
    const username = form?.get('username');
    const wait = typeof username === 'string' ? retryAfter(signInKey(username), SIGN_IN_FAILURES) : 0;
    if (wait > 0) {
      return Response.json(
        { error: 'rate_limited', message: `Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.` },
        { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } },
      );
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
