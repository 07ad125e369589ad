import { styleText } from 'node:util';
import { isJsonObject, safeParseJson } from '@toolbridge/core';

type Style = Parameters<typeof styleText>[0];

const LEVELS: ReadonlyMap<number, { label: string; style: Style }> = new Map([
  [10, { label: 'TRACE', style: 'gray' }],
  [20, { label: 'DEBUG', style: 'blue' }],
  [30, { label: 'INFO ', style: 'green' }],
  [40, { label: 'WARN ', style: 'yellow' }],
  [50, { label: 'ERROR', style: 'red' }],
  [60, { label: 'FATAL', style: 'magenta' }],
]);

/** Fields shown in a fixed place at the start of the line, in this order; the rest follow as key=value. */
const LEADING = ['requestId', 'method', 'route', 'status', 'durationMs'] as const;
const SKIPPED = new Set<string>(['level', 'time', 'msg', 'err', ...LEADING]);

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function render(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

function leading(entry: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of LEADING) {
    const value = entry[key];
    if (value === undefined) continue;
    parts.push(key === 'durationMs' ? `${render(value)}ms` : render(value));
  }
  return parts;
}

function errorLines(error: unknown): string {
  if (!isJsonObject(error)) return '';
  const stack = typeof error['stack'] === 'string' ? error['stack'] : String(error['message'] ?? '');
  return stack === '' ? '' : `\n    ${stack.split('\n').join('\n    ')}`;
}

/**
 * The `pretty` log format, for a person at a terminal: `12:00:01.234 INFO  req_… POST chat.completions
 * 200 12.5ms model=gpt-5.4 …`, coloured when `color` is set. A small formatter of our own instead of
 * pino-pretty: the gateway's lines have a handful of known fields, and pino-pretty brings a dozen
 * packages into every install for a format most deployments never turn on.
 */
export function formatPrettyLine(line: string, color: boolean): string {
  const parsed = safeParseJson(line);
  if (!parsed.success || !isJsonObject(parsed.value)) return line;
  const entry = parsed.value;
  const level = LEVELS.get(typeof entry['level'] === 'number' ? entry['level'] : 30) ?? {
    label: String(entry['level']),
    style: 'white' as Style,
  };
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text);
  const parts = [paint('gray', clock(entry['time'])), paint(level.style, level.label), ...leading(entry)];
  if (typeof entry['msg'] === 'string') parts.push(paint('bold', entry['msg']));
  for (const [key, value] of Object.entries(entry)) {
    if (!SKIPPED.has(key)) parts.push(`${paint('gray', `${key}=`)}${render(value)}`);
  }
  return `${parts.join(' ')}${errorLines(entry['err'])}\n`;
}
