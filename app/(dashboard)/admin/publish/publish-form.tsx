'use client';
import { useActionState } from 'react';
import { setPublication, type ActionResult } from './actions';

export function PublishForm({ month, published, showHandlers }: { month: string; published: boolean; showHandlers: boolean }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(setPublication, null);
  return (
    <form action={action} className="filters">
      <input type="hidden" name="month" value={month} />
      <label>
        <input type="checkbox" name="showHandlers" defaultChecked={showHandlers} /> Công khai tên cán bộ
      </label>
      <button type="submit" name="op" value="publish" disabled={pending}>
        {published ? 'Công bố lại (phiên bản mới)' : 'Công bố'}
      </button>
      {published ? (
        <button type="submit" name="op" value="unpublish" className="button" disabled={pending}>
          Thu hồi
        </button>
      ) : null}
      {result ? (
        <span role="status" className={result.ok ? 'muted' : 'error-text'}>
          {result.message}
        </span>
      ) : null}
    </form>
  );
}
