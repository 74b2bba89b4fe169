'use server';
// The mapping step of the upload page (SPEC §4.1): give an unresolved unit or procedure name to the unit or procedure it
// means (kept as another name, audited; province-wide importers only: it changes the catalogue), then import the
// rejected rows of that import again, from its rejected-rows file as it is.
import fs from 'node:fs';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { gate } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { AccessError, ImportFileError, NotFoundError } from '@/lib/server/errors';
import { MappingError, mapUnresolvedName } from '@/lib/server/import/mapping';
import { rejectedRowsPath } from '@/lib/server/import/rejected';
import { formatOf, importFile } from '@/lib/server/import/run';
import { getRejectedRows, importSource } from '@/lib/server/queries/imports';

export interface ActionResult {
  ok: boolean;
  /** HTTP-like status: 200, 400, 401, 403, 404. */
  status: number;
  message: string;
}

const refused = (e: unknown): ActionResult | null =>
  e instanceof AccessError
    ? { ok: false, status: e.status, message: e.message }
    : e instanceof NotFoundError
      ? { ok: false, status: 404, message: e.message }
      : e instanceof ImportFileError || e instanceof MappingError
        ? { ok: false, status: 400, message: e.message }
        : null;

const mapping = z.object({
  kind: z.enum(['unit', 'procedure']),
  name: z.string().trim().min(1, 'Thiếu tên cần gán').max(300),
  target: z.string().trim().min(1, 'Chọn đơn vị hoặc thủ tục để gán').max(64),
});

export async function mapName(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await gate('import');
    if (scope.path !== '/') return { ok: false, status: 403, message: 'Chỉ quản trị toàn tỉnh được gán tên vào danh mục.' };
    const parsed = mapping.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => i.message).join('; ') };
    const { kind, name, target } = parsed.data;
    const added = await mapUnresolvedName({ kind, name, targetCode: target, actor: scope.actor.label });
    revalidatePath('/admin/import');
    return {
      ok: true,
      status: 200,
      message: added
        ? `Đã gán “${name}” cho ${kind === 'unit' ? 'đơn vị' : 'thủ tục'} mã ${target}.`
        : `“${name}” đã là tên của ${kind === 'unit' ? 'đơn vị' : 'thủ tục'} mã ${target}.`,
    };
  } catch (e) {
    const r = refused(e);
    if (r) return r;
    throw e;
  }
}

export async function retryRejected(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const scope = await gate('import');
    const id = z.coerce.number().int().positive().safeParse(form.get('importId'));
    if (!id.success) return { ok: false, status: 400, message: 'Thiếu số lần nạp.' };
    const batch = await getRejectedRows(scope, id.data);
    if (!batch) return { ok: false, status: 404, message: `Không có lần nạp số ${id.data}.` };
    const file = rejectedRowsPath(batch.rejectedFile);
    if (!file || !fs.existsSync(file)) {
      return { ok: false, status: 400, message: `Lần nạp #${id.data} không còn tệp các dòng bị từ chối trên máy chủ này.` };
    }
    const s = await importFile('dossiers', fs.createReadStream(file), {
      fileName: `${id.data}-loi`,
      source: importSource(scope, 'upload'),
      userId: scope.actor.kind === 'user' ? scope.actor.id : null,
      format: formatOf(file) ?? 'csv',
      scopePath: scope.path,
      retryOf: id.data,
    });
    await audit(scope.actor.label, 'import', `import:${s.importId}`, {
      kind: 'dossiers',
      source: 'retry',
      retryOf: id.data,
      inserted: s.inserted,
      updated: s.updated,
      rejected: s.rejectedErrors,
    });
    revalidatePath('/admin/import');
    return {
      ok: true,
      status: 200,
      message:
        `Đã nhập lại ${s.rows.toLocaleString('vi-VN')} dòng bị từ chối của lần nạp #${id.data} (lần nạp #${s.importId}): ` +
        `thêm mới ${s.inserted.toLocaleString('vi-VN')}, cập nhật ${s.updated.toLocaleString('vi-VN')}, ` +
        `vẫn bị từ chối ${s.rejectedRows.toLocaleString('vi-VN')}.`,
    };
  } catch (e) {
    const r = refused(e);
    if (r) return r;
    throw e;
  }
}
