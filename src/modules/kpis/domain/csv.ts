/**
 * CSV as RFC 4180 has it: CRLF line ends, a header row, and a field quoted (with inner quotes
 * doubled) when it holds a comma, a quote, CR or LF. Null is an empty field.
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<K extends string>(
  columns: readonly K[],
  rows: readonly Readonly<Record<K, CsvValue>>[],
): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((column) => field(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
