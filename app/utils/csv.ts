/**
 * One cell for Dutch Excel (";"-separated): quoted when needed, and a leading
 * = + - @ (or a tab or carriage return) neutralised with a quote, so a value
 * typed into a form cannot become a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: UTF-8 byte order mark (so Excel reads accents), ";" between cells, CRLF between rows. */
export function toCsv(rows: string[][]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
