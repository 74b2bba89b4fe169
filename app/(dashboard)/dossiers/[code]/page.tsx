// Hồ sơ: one dossier's timeline (received → supplement → end → returned, due, apology), the working days it used and
// was allowed, and why it counts early, on time or late — which SPEC §2 rule decided, with the instants compared.
// Dossier-level page: only inside the caller's unit scope.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { decodeSegment } from '@/lib/http/url';
import { formatDateTime, formatNumber } from '@/lib/format';
import { explainOutcome, type EndSource, type Explanation, type Verdict } from '@/lib/kpi';
import { gate, pageGate, unitPageHref } from '@/lib/server/access';
import { dossierUnit, getDossier, type DossierDetail } from '@/lib/server/queries/dossier';
import { requestNow } from '@/lib/server/request-cache';
import { AccessError, NotFoundError } from '@/lib/server/errors';
import { localDayOf } from '@/lib/calendar';
import { legalBasisOn } from '@/lib/units';

export const metadata: Metadata = { title: 'Hồ sơ' };

const VERDICT: Record<Verdict, { label: string; tone: 'good' | 'bad' | 'neutral'; symbol: string }> = {
  early: { label: 'Giải quyết trước hạn', tone: 'good', symbol: '✓' },
  onTime: { label: 'Giải quyết đúng hạn', tone: 'good', symbol: '✓' },
  late: { label: 'Giải quyết trễ hạn', tone: 'bad', symbol: '✗' },
  pending: { label: 'Đang giải quyết, trong hạn', tone: 'neutral', symbol: '…' },
  pendingLate: { label: 'Đang giải quyết, đã quá hạn', tone: 'bad', symbol: '✗' },
};
const END_LABEL: Record<EndSource, string> = {
  processed: 'Ngày kết thúc xử lý (NgayKetThucXuLy)',
  returned: 'Ngày trả kết quả (NgayTra)',
  rejected: 'Ngày từ chối (NgayTuChoi)',
  withdrawn: 'Ngày công dân rút hồ sơ (NgayRutHoSo)',
  supplementOpen: 'Ngày yêu cầu bổ sung, chưa hoàn thành bổ sung (NgayYeuCauBoSung)',
};
const CHANNEL: Record<number, string> = { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính' };
const RATING: Record<number, string> = { 1: 'Không hài lòng', 2: 'Hài lòng', 3: 'Rất hài lòng' };
const TIME_UNIT: Record<string, string> = { gio: 'giờ', ngay: 'ngày', ngay_lam_viec: 'ngày làm việc', thang: 'tháng' };

function duration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return `${formatNumber(hours)} giờ`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${formatNumber(days)} ngày` : `${formatNumber(days)} ngày ${hours % 24} giờ`;
}

export default async function DossierPage({ params }: PageProps<'/dossiers/[code]'>) {
  await connection();
  const code = decodeSegment((await params).code) ?? notFound();
  const returnTo = `/dossiers/${encodeURIComponent(code)}`;
  // The role first (no session → sign-in; no right → "không có quyền"), so nobody learns which codes exist without it.
  const scope = await pageGate('dossiers', {}, returnTo);
  // Then the dossier's unit: one outside the caller's scope answers exactly as a code that does not exist (404), so a
  // chair cannot tell another unit's codes from unknown ones; the refusal is audited by the gate.
  const unitCode = await dossierUnit(code);
  if (!unitCode) notFound();
  await gate('dossiers', { unit: unitCode }, scope.actor).catch((e: unknown) => {
    if (e instanceof AccessError || e instanceof NotFoundError) notFound();
    throw e;
  });
  const now = requestNow();
  const d = await getDossier(code, scope.path, now);
  if (!d) notFound();
  const why = explainOutcome(d, now);
  const verdict = VERDICT[why.verdict];
  const unitHref = unitPageHref(scope)(d.unit);
  const lateNow = why.verdict === 'late' || why.verdict === 'pendingLate';

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Hồ sơ {d.code}</h1>
          <p>
            {unitHref ? <Link href={unitHref}>{d.unit.name}</Link> : d.unit.name} · {d.procedure.name} ({d.procedure.code}) ·{' '}
            {d.field.name}
          </p>
        </div>
        <p className={`badge ${verdict.tone}`} role="status">
          {verdict.symbol} {verdict.label}
        </p>
      </div>

      <div className="grid-2">
        <section className="panel" aria-labelledby="timeline">
          <h2 id="timeline">Diễn biến</h2>
          <Timeline d={d} why={why} now={now} />
        </section>
        <section className="panel" aria-labelledby="why">
          <h2 id="why">Vì sao hồ sơ được tính là “{verdict.label.toLowerCase()}”</h2>
          <Reason d={d} why={why} now={now} />
        </section>
      </div>

      <section className="panel" aria-labelledby="facts">
        <h2 id="facts">Thông tin hồ sơ</h2>
        <dl className="facts">
          <dt>Cán bộ xử lý</dt>
          <dd>{d.handler ?? '—'}</dd>
          <dt>Kênh nộp</dt>
          <dd>{CHANNEL[d.channel] ?? d.channel}</dd>
          <dt>Thời hạn giải quyết theo quy định</dt>
          <dd>
            {d.procedure.processingTime !== null && d.procedure.timeUnit
              ? `${formatNumber(d.procedure.processingTime)} ${TIME_UNIT[d.procedure.timeUnit] ?? d.procedure.timeUnit}`
              : '—'}
          </dd>
          <dt>Ngày làm việc được phép (tiếp nhận → hẹn trả)</dt>
          <dd>{formatNumber(d.allowedWorkDays)}</dd>
          <dt>Ngày làm việc đã dùng{why.end ? '' : ' (đến nay)'}</dt>
          <dd>
            {formatNumber(d.usedWorkDays)}
            {why.supplementMs > 0 ? ' (không tính thời gian bổ sung)' : ''}
          </dd>
          <dt>Số lần yêu cầu bổ sung</dt>
          <dd>{formatNumber(d.supplementCount)}</dd>
          <dt>Phí, lệ phí</dt>
          <dd>{d.fee === null ? '—' : `${formatNumber(d.fee)} đồng${d.onlinePayment ? ' · thanh toán trực tuyến' : ''}`}</dd>
          <dt>Số hóa hồ sơ</dt>
          <dd>
            {d.digitized ? 'Có' : 'Không'}
            {d.reusedData ? ' · tái sử dụng dữ liệu số hóa' : ''}
          </dd>
          <dt>Kết quả điện tử</dt>
          <dd>{d.eResult ? 'Có' : 'Không'}</dd>
          <dt>Đánh giá của người dân</dt>
          <dd>{d.rating === null ? 'Chưa đánh giá' : (RATING[d.rating] ?? d.rating)}</dd>
          <dt>Phiếu xin lỗi</dt>
          <dd>
            {d.apologyAt ? (
              `Đã gửi ngày ${formatDateTime(d.apologyAt)}`
            ) : lateNow ? (
              <span className="badge bad">✗ Chưa gửi — hồ sơ trễ hạn phải có phiếu xin lỗi</span>
            ) : (
              'Không cần (hồ sơ không trễ hạn)'
            )}
          </dd>
          <dt>Căn cứ (theo ngày tiếp nhận)</dt>
          <dd>
            {legalBasisOn(localDayOf(d.receivedAt)).oneStop}; xin lỗi khi trễ hạn:{' '}
            {legalBasisOn(localDayOf(d.receivedAt)).apologyForm}
          </dd>
          <dt>Cập nhật lần cuối</dt>
          <dd>{formatDateTime(d.updatedAt)}</dd>
        </dl>
      </section>
    </main>
  );
}

function Timeline({ d, why, now }: { d: DossierDetail; why: Explanation; now: Date }) {
  const events: Array<{ at: Date; label: string; note?: string; kind?: 'due' | 'end' | 'now' }> = [
    { at: d.receivedAt, label: 'Tiếp nhận' },
    { at: d.deadlineAt, label: d.dueAt ? 'Hẹn trả kết quả' : 'Hạn giải quyết (tính từ thời hạn của thủ tục)', kind: 'due' },
  ];
  if (d.supplementRequestedAt)
    events.push({ at: d.supplementRequestedAt, label: 'Yêu cầu bổ sung', note: `số lần yêu cầu bổ sung: ${d.supplementCount}` });
  if (d.supplementCompletedAt) events.push({ at: d.supplementCompletedAt, label: 'Hoàn thành bổ sung' });
  if (why.lateAfter && why.supplementMs > 0)
    events.push({ at: why.lateAfter, label: 'Hạn sau khi cộng thời gian bổ sung', kind: 'due' });
  if (d.processedAt)
    events.push({ at: d.processedAt, label: 'Kết thúc xử lý', kind: why.end?.source === 'processed' ? 'end' : undefined });
  if (d.returnedAt)
    events.push({ at: d.returnedAt, label: 'Trả kết quả', kind: why.end?.source === 'returned' ? 'end' : undefined });
  if (d.rejectedAt)
    events.push({ at: d.rejectedAt, label: 'Từ chối / dừng xử lý', kind: why.end?.source === 'rejected' ? 'end' : undefined });
  if (d.withdrawnAt)
    events.push({ at: d.withdrawnAt, label: 'Công dân rút hồ sơ', kind: why.end?.source === 'withdrawn' ? 'end' : undefined });
  if (d.apologyAt) events.push({ at: d.apologyAt, label: 'Gửi phiếu xin lỗi' });
  if (!why.end) events.push({ at: now, label: 'Hiện tại (chưa kết thúc xử lý)', kind: 'now' });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i} className={e.kind}>
          <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
          <span>
            {e.label}
            {e.kind === 'end' ? ' (E)' : ''}
            {e.note ? ` (${e.note})` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Reason({ d, why, now }: { d: DossierDetail; why: Explanation; now: Date }) {
  const s = why.supplementMs;
  const endText = why.end
    ? `${END_LABEL[why.end.source]}: ${formatDateTime(why.end.at)}`
    : `Chưa kết thúc xử lý; xét tại thời điểm hiện tại T = ${formatDateTime(now)}`;
  const compared = why.end ? 'E − S' : 'T − S';
  return (
    <>
      <ol className="steps">
        <li>Thời điểm kết thúc xử lý (E): {endText}.</li>
        <li>
          Thời gian bổ sung (S):{' '}
          {s > 0
            ? `${duration(s)} (từ ${formatDateTime(d.supplementRequestedAt!)} đến ${formatDateTime(d.supplementCompletedAt!)}), không tính vào thời gian giải quyết`
            : 'không có (0)'}
          .
        </li>
        <li>
          Hạn giải quyết (D): {formatDateTime(d.deadlineAt)}
          {d.dueAt ? ' — ngày hẹn trả trên phiếu tiếp nhận' : ' — tính từ thời hạn giải quyết của thủ tục'}.
        </li>
        <li>
          So sánh {compared} = {formatDateTime(why.compared)} với D = {formatDateTime(d.deadlineAt)}.
        </li>
      </ol>
      <p className="verdict-rule">
        <strong>Quy tắc áp dụng: </strong>
        {why.rule === 'supplements' &&
          `hồ sơ bị yêu cầu bổ sung ${d.supplementCount} lần (hơn 1 lần) nên được tính là trễ hạn, bất kể thời gian giải quyết.`}
        {why.rule === 'afterDue' &&
          `${compared} sau hạn D${s > 0 ? ` (tức là sau ${formatDateTime(why.lateAfter!)} = D + S)` : ''}, nên hồ sơ ${why.end ? 'giải quyết trễ hạn' : 'đang quá hạn'}.`}
        {why.rule === 'dayBeforeDue' &&
          `${compared} không sau D và rơi vào ngày trước ngày hẹn trả, nên hồ sơ giải quyết trước hạn.`}
        {why.rule === 'dueDay' && `${compared} không sau D và rơi vào đúng ngày hẹn trả, nên hồ sơ giải quyết đúng hạn.`}
        {why.rule === 'pendingBeforeDue' &&
          `${compared} chưa qua hạn D, nên hồ sơ đang trong hạn; sẽ quá hạn sau ${formatDateTime(why.lateAfter!)} nếu chưa kết thúc.`}
      </p>
      <p className="muted small">
        Theo quy tắc tính thời hạn (mục 2, docs/kpi.md): trễ hạn khi số lần bổ sung &gt; 1 hoặc (E − S) &gt; D; trước hạn khi
        không trễ và ngày của (E − S) trước ngày của D; còn lại là đúng hạn.
      </p>
    </>
  );
}
