/**
 * CSV exports (RFC 4180): comma-separated, CRLF line ends, every field that holds a comma, a
 * quote, CR or LF quoted with inner quotes doubled, a header row. Times are written as the API
 * gives them (ISO 8601 in UTC, e.g. 2026-12-07T04:32:00.000Z) and amounts as exact decimal
 * strings, so a spreadsheet gets the backend's numbers, not the screen's formatting.
 */
export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
}

export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.value(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
