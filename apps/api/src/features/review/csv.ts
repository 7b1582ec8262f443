export type Cell = string | number | boolean | null | undefined;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return, which some strip
 * first) as a formula; a leading apostrophe makes it plain text (OWASP "CSV injection").
 * Only text is touched: numbers are written as numbers.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, and double the quotes inside. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole CSV document: a header row, then records, CRLF line breaks as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
