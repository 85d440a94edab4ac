// Report files: XLSX (exceljs' streaming WorkbookWriter, rows committed as they are written,
// so a drill-down of a million calls runs in flat memory), PDF (pdfkit: the screen's layout —
// title, period, comparison, each section's table) and CSV (csv-stringify, spreadsheet-safe).
// Every figure in PDF and CSV reads as on the screen (src/shared/report-format.ts); XLSX keeps
// numbers as numbers (seconds as seconds) so a spreadsheet can compute with them.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify';
import { formatFigure, formatReportTime, meetsTarget } from '../../shared/report-format.js';
import { periodLabel } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type ExportFormat, type ReportColumn, type ReportResult, type ReportSection } from '../../shared/reports.js';

export const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

export function exportFileName(result: ReportResult, format: ExportFormat): string {
  return `sapa-${result.report}-${result.period.key}.${format}`;
}

/** The heading lines every format starts with: title, period, comparison, when generated. */
export function headingLines(result: ReportResult, language: ReportLanguage): { title: string; lines: string[] } {
  const t = (k: string) => reportText(language, k);
  const lines = [`${t('period')}: ${periodLabel(result.period, language)} (${result.period.from} – ${result.period.to})`];
  if (result.compare) lines.push(`${t('compare')}: ${periodLabel(result.compare, language)} (${result.compare.from} – ${result.compare.to})`);
  lines.push(`${t('generated')}: ${formatReportTime(result.generatedAt, language)} WIB`);
  return { title: `Sapa — ${t(`report.${result.report}`)} — ${periodLabel(result.period, language)}`, lines };
}

/** Header cells of a section: the name, each figure, and each figure of the comparison period. */
export function sectionHeader(section: ReportSection, result: ReportResult, language: ReportLanguage): string[] {
  const t = (k: string) => reportText(language, k);
  const head = [t('column.label'), ...section.columns.map((c) => t(`column.${c.key}`))];
  if (result.compare) {
    const then = periodLabel(result.compare, language);
    head.push(...section.columns.map((c) => `${t(`column.${c.key}`)} · ${then}`));
  }
  return head;
}

function rowsOf(section: ReportSection) {
  return section.total ? [...section.rows, section.total] : section.rows;
}

function rowFigures(section: ReportSection, row: ReportSection['rows'][number], compare: boolean): (number | null)[] {
  const now = section.columns.map((c) => row.values[c.key] ?? null);
  return compare ? [...now, ...section.columns.map((c) => row.compare?.[c.key] ?? null)] : now;
}

const kinds = (section: ReportSection, compare: boolean): ReportColumn[] => (compare ? [...section.columns, ...section.columns] : section.columns);

/** Excel number formats per kind (seconds stay seconds). */
const NUM_FMT: Record<string, string> = { count: '#,##0', percent: '0.0', seconds: '0.0', idr: '#,##0', hours: '0.0' };

export async function writeReportXlsx(result: ReportResult, language: ReportLanguage, out: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(reportText(language, `report.${result.report}`).slice(0, 31));
  const { title, lines } = headingLines(result, language);
  sheet.addRow([title]).font = { bold: true, size: 14 };
  for (const l of lines) sheet.addRow([l]).commit();
  const compare = result.compare !== null;
  for (const section of result.sections) {
    sheet.addRow([]).commit();
    sheet.addRow([reportText(language, `section.${section.id}`)]).font = { bold: true };
    const header = sheet.addRow(sectionHeader(section, result, language));
    header.font = { bold: true };
    header.commit();
    const cols = kinds(section, compare);
    for (const row of rowsOf(section)) {
      const r = sheet.addRow([row.label, ...rowFigures(section, row, compare)]);
      cols.forEach((c, i) => { const f = NUM_FMT[c.kind]; if (f) r.getCell(i + 2).numFmt = f; });
      if (row === section.total) r.font = { bold: true };
      r.commit();
    }
  }
  sheet.getColumn(1).width = 32;
  sheet.commit();
  await book.commit();
}

/** Latin-1 text for pdfkit's built-in Helvetica (no font file to ship): ≥ → >=, other signs kept when Latin-1/WinAnsi has them. */
export function pdfText(s: string): string {
  return s.replace(/≥/g, '>=').replace(/≤/g, '<=').replace(/—/g, '-').replace(/[^\u0000-\u00ff\u2013\u2019\u201c\u201d\u2022\u20ac]/g, '?');
}

export function reportPdf(result: ReportResult, language: ReportLanguage): PassThrough {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: headingLines(result, language).title } });
  const out = new PassThrough();
  doc.pipe(out);
  const { title, lines } = headingLines(result, language);
  doc.font('Helvetica-Bold').fontSize(15).text(pdfText(title));
  doc.font('Helvetica').fontSize(9);
  for (const l of lines) doc.text(pdfText(l));
  const compare = result.compare !== null;
  const width = doc.page.width - 72;
  for (const section of result.sections) {
    const head = sectionHeader(section, result, language);
    const firstW = Math.min(150, width * 0.22);
    const restW = (width - firstW) / Math.max(1, head.length - 1);
    const widths = [firstW, ...head.slice(1).map(() => restW)];
    const line = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(head.length > 12 ? 6 : 7.5);
      const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: (widths[i] ?? restW) - 4 }));
      const h = Math.max(...heights) + 4;
      if (doc.y + h > doc.page.height - 36) doc.addPage();
      const y = doc.y;
      let x = 36;
      cells.forEach((c, i) => {
        doc.text(pdfText(c), x + 2, y + 2, { width: (widths[i] ?? restW) - 4, align: i === 0 ? 'left' : 'right', lineBreak: true });
        x += widths[i] ?? restW;
      });
      doc.moveTo(36, y + h).lineTo(36 + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
      doc.x = 36;
      doc.y = y + h;
    };
    doc.moveDown(1);
    if (doc.y > doc.page.height - 100) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(pdfText(reportText(language, `section.${section.id}`)), 36, doc.y);
    doc.moveDown(0.3);
    line(head, true);
    const cols = kinds(section, compare);
    for (const row of rowsOf(section)) {
      const figures = rowFigures(section, row, compare);
      line([row.label, ...figures.map((v, i) => {
        const c = cols[i];
        if (!c) return '';
        const text = formatFigure(c.kind, v, language);
        const met = i < section.columns.length ? meetsTarget(c, v) : null;
        return met === false ? `${text} !` : text;
      })], row === section.total);
    }
  }
  doc.end();
  return out;
}

export function reportCsv(result: ReportResult, language: ReportLanguage): PassThrough {
  const csv = stringify({ bom: true, cast: { string: spreadsheetSafe } });
  const out = new PassThrough();
  csv.pipe(out);
  const { title, lines } = headingLines(result, language);
  csv.write([title]);
  for (const l of lines) csv.write([l]);
  const compare = result.compare !== null;
  for (const section of result.sections) {
    csv.write([]);
    csv.write([reportText(language, `section.${section.id}`)]);
    csv.write(sectionHeader(section, result, language));
    const cols = kinds(section, compare);
    for (const row of rowsOf(section)) {
      csv.write([row.label, ...rowFigures(section, row, compare).map((v, i) => formatFigure(cols[i]?.kind ?? 'text', v, language))]);
    }
  }
  csv.end();
  return out;
}

/** A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with '. */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
}

type Cells = Record<string, string | number | null>;

/** The records behind a row, streamed: XLSX rows committed as they come, or CSV. */
export async function writeDrillFile(
  format: 'xlsx' | 'csv', columns: ReportColumn[], chunks: AsyncIterable<Cells[]>, language: ReportLanguage, out: Writable,
): Promise<number> {
  const head = columns.map((c) => reportText(language, `column.${c.key}`));
  let n = 0;
  if (format === 'xlsx') {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = book.addWorksheet('Data');
    sheet.addRow(head).commit();
    for await (const chunk of chunks) {
      for (const r of chunk) {
        sheet.addRow(columns.map((c) => (c.key === 'at' && typeof r[c.key] === 'string' ? formatReportTime(String(r[c.key]), language) : r[c.key] ?? null))).commit();
        n += 1;
      }
    }
    sheet.commit();
    await book.commit();
    return n;
  }
  const csv = stringify({ bom: true, cast: { string: spreadsheetSafe } });
  csv.pipe(out);
  csv.write(head);
  for await (const chunk of chunks) {
    for (const r of chunk) {
      const ok = csv.write(columns.map((c) => (c.key === 'at' ? formatReportTime(String(r[c.key]), language) : formatFigure(c.kind, r[c.key], language))));
      n += 1;
      if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await new Promise((resolve) => out.once('finish', resolve));
  return n;
}
