'use server';
// Publishing a month to the public view (admins only). Audited.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { gate } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { currentMonth } from '@/lib/server/queries/overview';
import { publishMonth, unpublishMonth } from '@/lib/server/queries/published';
import { AccessError } from '@/lib/server/errors';

export interface ActionResult {
  ok: boolean;
  /** HTTP-like status: 200, 400, 401, 403. */
  status: number;
  message: string;
}

const input = z.object({
  op: z.enum(['publish', 'unpublish']),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng cần dạng YYYY-MM'),
  showHandlers: z.enum(['on']).optional(),
});

export async function setPublication(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  let scope;
  try {
    scope = await gate('admin');
  } catch (e) {
    if (e instanceof AccessError) return { ok: false, status: e.status, message: e.message };
    throw e;
  }
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => i.message).join('; ') };
  const { op, month } = parsed.data;
  const showHandlers = parsed.data.showHandlers === 'on';
  if (op === 'publish' && month >= currentMonth()) {
    return { ok: false, status: 400, message: `Tháng ${month} chưa kết thúc: chỉ công bố được các tháng đã qua.` };
  }
  if (op === 'publish') {
    await publishMonth(month, scope.actor.label, showHandlers);
    await audit(scope.actor.label, 'month_published', month, { showHandlers });
  } else {
    if (!(await unpublishMonth(month))) return { ok: false, status: 400, message: `Tháng ${month} chưa được công bố.` };
    await audit(scope.actor.label, 'month_unpublished', month);
  }
  revalidatePath('/admin/publish');
  return {
    ok: true,
    status: 200,
    message: op === 'publish' ? `Đã công bố tháng ${month}.` : `Đã thu hồi công bố tháng ${month}.`,
  };
}
