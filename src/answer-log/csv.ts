/**
 * Rows as CSV (RFC 4180: every cell quoted, quotes doubled, CRLF between records) that a spreadsheet
 * opens as text: a cell starting with = + - @ (or their full-width forms), a tab or a carriage return
 * would be read as a formula, so it gets a leading `'`. A UTF-8 byte order mark lets Excel read Japanese.
 *
 * @example toCsv(['q'], [['=HYPERLINK("x")']]) // '\uFEFF"q"\r\n"\'=HYPERLINK(""x"")"\r\n'
 */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const line = (cells: (string | number | boolean | null)[]) => cells.map((c) => cell(c === null ? '' : String(c))).join(',');
  return `\uFEFF${[header, ...rows].map(line).join('\r\n')}\r\n`;
}

const FORMULA = /^[=+\-@＝＋－＠\t\r]/u;

function cell(text: string): string {
  const inert = FORMULA.test(text) ? `'${text}` : text;
  return `"${inert.replaceAll('"', '""')}"`;
}
