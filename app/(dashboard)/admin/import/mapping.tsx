'use client';
// The mapping step: one unresolved name per form, given to a unit or a procedure of the lists; and the button that
// imports an import's rejected rows again. Plain props; the server actions do the work (./actions.ts).
import { useActionState } from 'react';
import { mapName, retryRejected, type ActionResult } from './actions';

export interface Choice {
  code: string;
  label: string;
}

function Message({ state }: { state: ActionResult | null }) {
  if (!state) return null;
  return (
    <span role={state.ok ? 'status' : 'alert'} className={state.ok ? 'ok' : 'error-box'}>
      {state.message}
    </span>
  );
}

export function MapNameForm({
  kind,
  name,
  rows,
  choices,
}: {
  kind: 'unit' | 'procedure';
  name: string;
  rows: number;
  choices: readonly Choice[];
}) {
  const [state, action, pending] = useActionState(mapName, null);
  const id = `map-${kind}-${name}`;
  return (
    <form action={action} className="filters" aria-label={`Gán “${name}”`}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="name" value={name} />
      <span>
        {kind === 'unit' ? 'Đơn vị' : 'Thủ tục'} “{name}” ({rows.toLocaleString('vi-VN')} dòng)
      </span>
      <label htmlFor={id}>là</label>
      <select id={id} name="target" defaultValue="" required>
        <option value="" disabled>
          — chọn {kind === 'unit' ? 'đơn vị' : 'thủ tục'} —
        </option>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending}>
        Gán
      </button>
      <Message state={state} />
    </form>
  );
}

export function RetryRejectedForm({ importId }: { importId: number }) {
  const [state, action, pending] = useActionState(retryRejected, null);
  return (
    <form action={action} className="filters">
      <input type="hidden" name="importId" value={importId} />
      <button type="submit" disabled={pending}>
        {pending ? 'Đang nhập lại…' : 'Nhập lại các dòng bị từ chối'}
      </button>
      <Message state={state} />
    </form>
  );
}
