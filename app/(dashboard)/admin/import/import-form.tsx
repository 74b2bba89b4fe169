'use client';
// The upload form: sends the file as the body of POST /api/v1/imports (streamed server-side, no size limit of server
// actions), reads the answer's JSON lines to show the progress, then the counts and the first rejected rows.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { KIND_LABELS } from './kinds';

interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
  code?: string;
}
interface Done {
  type: 'done';
  importId: number | null;
  kind: keyof typeof KIND_LABELS;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skipReasons: Record<string, number>;
  unresolved: Array<{ kind: 'unit' | 'procedure'; value: string; rows: number }>;
  rejectedRows: number;
  errorCount: number;
  errors: RowError[];
  duplicates: number;
  ignoredColumns: string[];
}
type State =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number; bytes: number; size: number }
  | { phase: 'done'; result: Done }
  | { phase: 'error'; message: string };

const vi = (n: number) => n.toLocaleString('vi-VN');

export function ImportForm() {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.name === '')
      return setState({ phase: 'error', message: 'Chọn một tệp .csv, .xlsx hoặc .json để nạp.' });
    if (!/\.(csv|xlsx|json)$/i.test(file.name)) {
      return setState({
        phase: 'error',
        message: `Tệp “${file.name}” không đúng loại: chỉ nạp được tệp .csv, .xlsx hoặc .json (gói DongBoHoSoMC).`,
      });
    }
    if (file.size === 0) return setState({ phase: 'error', message: `Tệp “${file.name}” rỗng: không có gì để nạp.` });
    const params = new URLSearchParams({ kind: String(form.get('kind')), fileName: file.name });
    if (form.get('dryRun') === 'on') params.set('dryRun', '1');
    setState({ phase: 'running', rows: 0, bytes: 0, size: file.size });
    try {
      const response = await fetch(`/api/v1/imports?${params}`, { method: 'POST', body: file });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          message?: string;
          issues?: Array<{ message: string }>;
        } | null;
        return setState({
          phase: 'error',
          message: [body?.message ?? `Lỗi ${response.status}`, ...(body?.issues ?? []).map((i) => i.message)].join(' '),
        });
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as
            { type: 'progress'; rows: number; bytes: number } | Done | { type: 'error'; message: string };
          if (message.type === 'progress')
            setState({ phase: 'running', rows: message.rows, bytes: message.bytes, size: file.size });
          else if (message.type === 'done') setState({ phase: 'done', result: message });
          else setState({ phase: 'error', message: message.message });
        }
      }
    } catch {
      setState({
        phase: 'error',
        message: 'Mất kết nối với máy chủ khi đang nạp. Xem lịch sử bên dưới; nạp lại tệp sẽ hoàn tất phần còn thiếu.',
      });
    }
    router.refresh();
  }

  return (
    <div className="import">
      <form onSubmit={submit} className="filters">
        <label htmlFor="file">Tệp dữ liệu (.csv, .xlsx, .json)</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
        <label htmlFor="kind">Loại dữ liệu</label>
        <select id="kind" name="kind" defaultValue="auto">
          <option value="auto">Tự nhận biết (theo dòng tiêu đề)</option>
          {Object.entries(KIND_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="dryRun" /> Chạy thử (chỉ kiểm tra, không ghi)
        </label>
        <button type="submit" disabled={state.phase === 'running'}>
          Nạp dữ liệu
        </button>
      </form>
      {state.phase === 'running' ? (
        <div role="status" aria-live="polite">
          <progress max={state.size} value={state.bytes} aria-label="Tiến độ đọc tệp" /> Đang nạp… đã đọc {vi(state.rows)} dòng (
          {Math.round((100 * state.bytes) / Math.max(1, state.size))}%)
        </div>
      ) : null}
      {state.phase === 'error' ? (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      ) : null}
      {state.phase === 'done' ? <Result result={state.result} /> : null}
    </div>
  );
}

function Result({ result: r }: { result: Done }) {
  return (
    <div role="status" aria-live="polite" className="import-result">
      <h3>
        {r.dryRun ? 'Kết quả chạy thử (không ghi gì)' : `Đã nạp xong (lần nạp #${r.importId})`}: {vi(r.rows)} dòng{' '}
        {KIND_LABELS[r.kind].toLowerCase()}
      </h3>
      <dl className="counts">
        <div>
          <dt>Thêm mới</dt>
          <dd data-count="inserted">{vi(r.inserted)}</dd>
        </div>
        <div>
          <dt>Cập nhật</dt>
          <dd data-count="updated">{vi(r.updated)}</dd>
        </div>
        <div>
          <dt>Không đổi</dt>
          <dd data-count="unchanged">{vi(r.unchanged)}</dd>
        </div>
        <div>
          <dt>Bỏ qua</dt>
          <dd data-count="skipped">{vi(r.skipped)}</dd>
        </div>
        <div>
          <dt>Bị từ chối</dt>
          <dd data-count="rejected">{vi(r.rejectedRows)}</dd>
        </div>
      </dl>
      {Object.keys(r.skipReasons).length > 0 ? (
        <ul aria-label="Dòng bỏ qua">
          {Object.entries(r.skipReasons).map(([reason, n]) => (
            <li key={reason}>
              Bỏ qua {vi(n)} dòng: {reason}
            </li>
          ))}
        </ul>
      ) : null}
      {r.unresolved.length > 0 ? (
        <table className="data">
          <caption>Tên chưa xác định được đơn vị hoặc thủ tục</caption>
          <thead>
            <tr>
              <th scope="col">Loại</th>
              <th scope="col">Tên hoặc mã định danh trong tệp</th>
              <th scope="col" className="num">
                Số dòng
              </th>
            </tr>
          </thead>
          <tbody>
            {r.unresolved.map((u) => (
              <tr key={`${u.kind}:${u.value}`}>
                <td>{u.kind === 'unit' ? 'Đơn vị' : 'Thủ tục'}</td>
                <td>{u.value}</td>
                <td className="num">{vi(u.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.duplicates > 0 ? <p>{vi(r.duplicates)} dòng trùng mã được thay bằng dòng sau cùng.</p> : null}
      {r.ignoredColumns.length > 0 ? <p>Cột bỏ qua (không nhận ra): {r.ignoredColumns.join(', ')}</p> : null}
      {r.errors.length > 0 ? (
        <>
          <table className="data">
            <caption>
              {r.errorCount > r.errors.length
                ? `${vi(r.errors.length)} lỗi đầu tiên trong ${vi(r.errorCount)}`
                : `${vi(r.errorCount)} lỗi`}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Dòng
                </th>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Cột</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e, i) => (
                <tr key={i}>
                  <td className="num">{e.row}</td>
                  <td>{e.code ?? ''}</td>
                  <td>{e.column}</td>
                  <td>{e.value}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.importId !== null ? (
            <p>
              <a href={`/api/v1/imports/${r.importId}/rejected`} download>
                Tải toàn bộ dòng bị từ chối (sửa rồi nạp lại tệp này)
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
