// The monthly notice (Thông báo kết quả giải quyết hồ sơ TTHC, like Kon Tum 7087/TB-VP) drafted as DOCX from a frozen
// record only: the provincial office fills in the number and the date, signs, and sends it. Layout of Vietnamese
// administrative documents (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 13–14 pt, margins 2 cm / 3 cm left.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { formatDateTime, formatNumber, formatPercent, formatPoints, NO_VALUE } from '@/lib/format';
import { KPI_LABELS, type KpiKey } from '@/lib/kpi';
import { legalBasisOn } from '@/lib/units/legal';
import type { PublishedRecord } from './index';

/** The KPIs a notice reports (the directives' headline rates), in the order the notices list them. */
export const NOTICE_KPIS: readonly KpiKey[] = ['onTime', 'online', 'onlinePayment', 'digitized', 'eResult', 'satisfaction'];

/** The province's name without "UBND tỉnh": the place name of the heading ("Quảng Ngãi, ngày …"). */
export function placeName(unitName: string): string {
  return unitName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '').replace(/^tỉnh\s+/i, '');
}

/** 'YYYY-MM' as "MM/YYYY". */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** The file name offered for download: Vietnamese, as an office names it. */
export const noticeFileName = (month: string, version: number) =>
  `Thông báo kết quả giải quyết TTHC tháng ${month.slice(5, 7)}-${month.slice(0, 4)}${version > 1 ? ` (điều chỉnh lần ${version - 1})` : ''}.docx`;

const FONT = 'Times New Roman';
const SIZE = 28; // 14 pt (half-points): the body
const TABLE_SIZE = 24; // 12 pt: the tables, as the notices print them
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, ...o });

function para(
  children: string | ParagraphChild[],
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    bold?: boolean;
    italics?: boolean;
    indent?: boolean;
    size?: number;
  } = {},
) {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60 },
    indent: o.indent ? { firstLine: 567 } : undefined,
    children: typeof children === 'string' ? [run(children, { bold: o.bold, italics: o.italics, size: o.size })] : children,
  });
}

const heading = (text: string) => para(text, { bold: true, indent: true });

/** A bordered table with a bold header row; numbers right-aligned. */
function table(header: string[], rows: string[][], numeric: boolean[]) {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: head ? AlignmentType.CENTER : numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, { bold: head, size: TABLE_SIZE })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** The heading block: agency, number left blank, the national motto, place and date left for the signer. */
function headingBlock(place: string) {
  const center = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: 26, ...o })] });
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [center(`UBND TỈNH ${place.toUpperCase()}`), center('VĂN PHÒNG', { bold: true }), center(''), center('Số: ……/TB-VP')],
            40,
          ),
          cell(
            [
              center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }),
              center('Độc lập - Tự do - Hạnh phúc', { bold: true }),
              center(''),
              center(`${place}, ngày …… tháng …… năm ……`, { italics: true }),
            ],
            60,
          ),
        ],
      }),
    ],
  });
}

const target = (t: number | null) => (t === null ? NO_VALUE : `≥ ${formatPercent(t)}`);
const verdict = (met: boolean | null) => (met === null ? NO_VALUE : met ? 'Đạt' : 'Chưa đạt');

/** The header and cells of the overall results table, one per province (the test reads the file against them). */
export function overallTable(o: PublishedRecord['overall'][number]) {
  const header = ['Chỉ tiêu', 'Kết quả', 'Số hồ sơ (đạt / tổng)', 'Chỉ tiêu giao', 'Đánh giá'];
  const rows = NOTICE_KPIS.map((k) => {
    const v = o.kpis[k];
    return [
      KPI_LABELS[k],
      formatPercent(v.value),
      `${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`,
      target(v.target),
      verdict(v.met),
    ];
  });
  rows.push([
    'Điểm ước tính theo Quyết định 766',
    formatPoints(o.score.value),
    NO_VALUE,
    o.score.target === null ? NO_VALUE : `≥ ${formatPoints(o.score.target)}`,
    verdict(o.score.met),
  ]);
  return { header, rows };
}

export function leagueTable(t: PublishedRecord['tables'][number]) {
  const header = ['Hạng', 'Đơn vị', 'Điểm 766', 'Tỷ lệ đúng hạn', 'Tỷ lệ trực tuyến', 'Số hồ sơ'];
  const rows = t.rows.map((r) => [
    r.rank === null ? NO_VALUE : String(r.rank),
    r.unit.name,
    formatPoints(r.value),
    formatPercent(r.kpis.onTime.value),
    formatPercent(r.kpis.online.value),
    formatNumber(r.sample),
  ]);
  return { header, rows };
}

export function lateUnitsTable(record: PublishedRecord) {
  const header = ['STT', 'Đơn vị', 'Đã giải quyết trễ hạn', 'Đang giải quyết quá hạn', 'Đã có văn bản xin lỗi'];
  const rows = record.lateUnits.map((u, i) => [
    String(i + 1),
    u.unit.name,
    formatNumber(u.resolvedLate),
    formatNumber(u.pendingLate),
    `${formatNumber(u.apologized)} / ${formatNumber(u.resolvedLate + u.pendingLate)}`,
  ]);
  return { header, rows };
}

export function lateHandlersTable(handlers: NonNullable<PublishedRecord['lateHandlers']>) {
  const header = ['STT', 'Cán bộ xử lý', 'Đơn vị', 'Hồ sơ trễ hạn', 'Đã có văn bản xin lỗi'];
  const rows = handlers.map((h, i) => [
    String(i + 1),
    h.handler,
    h.unit.name,
    formatNumber(h.resolvedLate + h.pendingLate),
    `${formatNumber(h.apologized)} / ${formatNumber(h.resolvedLate + h.pendingLate)}`,
  ]);
  return { header, rows };
}

const RIGHT = [false, true, true, true, true, true];

/** The notice of a record's version, as the bytes of a DOCX file. */
export async function buildNoticeDocx(record: PublishedRecord, version: number): Promise<Buffer> {
  const province = record.overall[0]?.unit.name ?? '';
  const place = placeName(province);
  const month = monthLabel(record.month);
  const body: Array<Paragraph | Table> = [
    headingBlock(place),
    para('', {}),
    para('THÔNG BÁO', { align: AlignmentType.CENTER, bold: true }),
    para(`Kết quả giải quyết hồ sơ thủ tục hành chính tháng ${month}`, { align: AlignmentType.CENTER, bold: true }),
    para(
      `Căn cứ số liệu trên Hệ thống theo dõi giải quyết thủ tục hành chính (TTHC Monitor), bản công bố phiên bản ${version} ` +
        `lúc ${formatDateTime(record.publishedAt)}; số liệu tính đến hết ngày ${record.period.to.split('-').reverse().join('/')}` +
        ` theo các đơn vị hành chính tại thời điểm đó, Văn phòng UBND tỉnh thông báo kết quả giải quyết hồ sơ thủ tục hành chính tháng ${month} như sau:`,
      { indent: true },
    ),
    heading('I. KẾT QUẢ CHUNG CỦA TỈNH'),
  ];
  for (const o of record.overall) {
    const c = o.counts;
    body.push(
      para(
        `${o.unit.name}: tiếp nhận ${formatNumber(c.received)} hồ sơ; đã giải quyết ${formatNumber(c.resolved.total)} hồ sơ ` +
          `(trước hạn ${formatNumber(c.resolved.early)}, đúng hạn ${formatNumber(c.resolved.onTime)}, trễ hạn ${formatNumber(c.resolved.late)}); ` +
          `đang giải quyết ${formatNumber(c.pending.total)} hồ sơ (trong hạn ${formatNumber(c.pending.withinDue)}, quá hạn ${formatNumber(c.pending.late)}).`,
        { indent: true },
      ),
    );
    const t = overallTable(o);
    body.push(table(t.header, t.rows, [false, true, true, true, false]));
  }
  body.push(heading('II. XẾP HẠNG CÁC CƠ QUAN, ĐƠN VỊ'));
  record.tables.forEach((t, i) => {
    body.push(
      para(`${i + 1}. ${t.levelLabel}${record.overall.length > 1 ? ` (${t.parent.name})` : ''}`, { bold: true, indent: true }),
      para(`Xếp theo điểm ước tính Quyết định 766; đơn vị dưới ${formatNumber(t.minSample)} hồ sơ không xếp hạng.`, {
        italics: true,
        indent: true,
      }),
    );
    const lt = leagueTable(t);
    body.push(
      table(
        lt.header,
        lt.rows,
        RIGHT.map((r, j) => r && j !== 1),
      ),
    );
  });
  body.push(heading('III. CÁC ĐƠN VỊ CÓ HỒ SƠ TRỄ HẠN'));
  if (record.lateUnits.length === 0) body.push(para('Trong tháng không có đơn vị nào có hồ sơ trễ hạn.', { indent: true }));
  else {
    const lu = lateUnitsTable(record);
    body.push(table(lu.header, lu.rows, [true, false, true, true, true]));
  }
  if (record.lateHandlers) {
    body.push(heading('IV. CÁN BỘ CÓ HỒ SƠ TRỄ HẠN'));
    if (record.lateHandlers.length === 0) body.push(para('Trong tháng không có cán bộ nào có hồ sơ trễ hạn.', { indent: true }));
    else {
      const lh = lateHandlersTable(record.lateHandlers);
      body.push(table(lh.header, lh.rows, [true, false, false, true, true]));
    }
  }
  const basis = legalBasisOn(record.period.to);
  body.push(
    heading(`${record.lateHandlers ? 'V' : 'IV'}. ĐỀ NGHỊ`),
    para(
      `1. Các cơ quan, đơn vị có hồ sơ trễ hạn: khẩn trương giải quyết dứt điểm các hồ sơ đang quá hạn; thực hiện xin lỗi ` +
        `tổ chức, cá nhân đối với từng hồ sơ trễ hạn theo quy định (${basis.apologyForm}); làm rõ nguyên nhân, trách nhiệm ` +
        `của tập thể, cá nhân liên quan và báo cáo kết quả về Văn phòng UBND tỉnh.`,
      { indent: true },
    ),
    para(
      '2. Các cơ quan, đơn vị chưa đạt chỉ tiêu: có giải pháp cải thiện tỷ lệ giải quyết đúng hạn, tỷ lệ hồ sơ trực tuyến, ' +
        'thanh toán trực tuyến, số hóa hồ sơ và cấp kết quả điện tử trong tháng tiếp theo.',
      { indent: true },
    ),
    para(
      `3. Thủ trưởng các cơ quan, Chủ tịch UBND các xã, phường chỉ đạo cập nhật đầy đủ, kịp thời quá trình giải quyết hồ sơ ` +
        `trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh theo ${basis.oneStop}.`,
      { indent: true },
    ),
    para('Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.', { indent: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              borders: NO_BORDERS,
              width: { size: 50, type: WidthType.PERCENTAGE },
              children: [
                para([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], { align: AlignmentType.LEFT }),
                para([run('- Các sở, ban, ngành tỉnh;', { size: 22 })], { align: AlignmentType.LEFT }),
                para([run('- UBND các xã, phường, đặc khu;', { size: 22 })], { align: AlignmentType.LEFT }),
                para([run('- Lưu: VT, KSTT.', { size: 22 })], { align: AlignmentType.LEFT }),
              ],
            }),
            new TableCell({
              borders: NO_BORDERS,
              width: { size: 50, type: WidthType.PERCENTAGE },
              children: [para('CHÁNH VĂN PHÒNG', { align: AlignmentType.CENTER, bold: true })],
            }),
          ],
        }),
      ],
    }),
  );
  const doc = new Document({
    creator: 'TTHC Monitor',
    title: `Thông báo kết quả giải quyết hồ sơ TTHC tháng ${month}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 in twentieths of a point; margins 2 cm top and bottom, 3 cm left, 2 cm right.
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
