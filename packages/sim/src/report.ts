import type { Table } from './scenarios.ts'

const cell = (value: number | string): string =>
  typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value

/** A table as aligned plain text, for the terminal. */
export function formatTable(table: Table): string {
  const rows = [table.columns, ...table.rows.map((row) => row.map(cell))]
  const widths = table.columns.map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)))
  const line = (row: readonly (number | string)[]): string =>
    row.map((value, c) => String(value).padStart(widths[c] ?? 0)).join('  ')
  return [table.title, line(rows[0] ?? []), ...rows.slice(1).map(line)].join('\n')
}

/** A table as CSV (RFC 4180 quoting for labels). */
export function toCsv(table: Table): string {
  const quote = (value: number | string): string =>
    typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`
  return [table.columns.map(quote).join(','), ...table.rows.map((row) => row.map(quote).join(','))]
    .join('\n')
    .concat('\n')
}
