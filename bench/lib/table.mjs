// Plain-text tables for the terminal.

/** Renders rows (arrays of cells) under `headers`; numeric-looking cells are right-aligned. */
export function renderTable(headers, rows) {
  const cells = [headers, ...rows].map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))),
  );
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) =>
        /^[-+]?[\d.,×%]+/.test(cell) && column > 0
          ? cell.padStart(widths[column])
          : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Formats a number with `digits` decimals, or '–'. */
export function fixed(value, digits = 1) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** A ratio as "0.83×", or '–'. */
export function ratio(value, base) {
  return typeof value === 'number' && typeof base === 'number' && base > 0
    ? `${(value / base).toFixed(2)}×`
    : '–';
}

/** A signed difference as "+0.123". */
export function signed(value, digits = 3) {
  return typeof value === 'number' ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '–';
}
