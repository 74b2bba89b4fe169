'use server';
// Publishing a month to the public view (admins only): each publish freezes a new version of its record; unpublishing
// hides the month and keeps its versions (SPEC §7). Audited.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { gate } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { currentMonth } from '@/lib/server/queries/overview';
import { listPublishedMonths, publishMonth, unpublishMonth } from '@/lib/server/queries/published';
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
  revalidatePath('/admin/publish');
  revalidatePath('/cong-khai', 'layout');
  if (op === 'publish') {
    // A month already shown gets a new version (an adjustment); a new or withdrawn one is published afresh.
    const shown = (await listPublishedMonths()).some((m) => m.month === month);
    const { version } = await publishMonth(month, scope.actor.label, showHandlers);
    await audit(scope.actor.label, shown ? 'month_republished' : 'month_published', month, { version, showHandlers });
    return {
      ok: true,
      status: 200,
      message: shown
        ? `Đã công bố lại tháng ${month} (phiên bản ${version}).`
        : `Đã công bố tháng ${month} (phiên bản ${version}).`,
    };
  }
  if (!(await unpublishMonth(month, scope.actor.label)))
    return { ok: false, status: 400, message: `Tháng ${month} chưa được công bố.` };
  await audit(scope.actor.label, 'month_unpublished', month);
  return { ok: true, status: 200, message: `Đã thu hồi công bố tháng ${month}; các phiên bản vẫn được lưu.` };
}
