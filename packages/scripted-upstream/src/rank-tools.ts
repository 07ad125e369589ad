import type { ToolSpec } from './scripted-request.js';

// Words too common in tool names and descriptions to say anything about the user's intent.
const STOP_WORDS = new Set([
  'get',
  'set',
  'the',
  'and',
  'for',
  'with',
  'from',
  'this',
  'that',
  'list',
  'fetch',
  'find',
  'call',
  'use',
  'when',
  'only',
  'current',
  'given',
  'tool',
  'function',
  'return',
  'returns',
  'data',
  'info',
]);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

function descriptionTokens(description: string): string[] {
  const latin = nameWords(description);
  // CJK text has no spaces: use overlapping character pairs ("天气" from "获取指定城市的当前天气").
  const bigrams: string[] = [];
  for (const run of description.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? []) {
    const chars = [...run];
    for (let index = 0; index + 1 < chars.length; index += 1)
      bigrams.push(`${chars[index]}${chars[index + 1]}`);
  }
  return [...latin, ...bigrams];
}

function score(tool: ToolSpec, message: string): number {
  const lower = message.toLowerCase();
  const hits = (tokens: string[]): number => new Set(tokens.filter((token) => lower.includes(token))).size;
  return 2 * hits(nameWords(tool.name)) + hits(descriptionTokens(tool.description));
}

/**
 * Ranks candidate tools for a message: tools whose name words (weight 2) or description words
 * appear in the message come first, ties keep the request's order; with no match, request order.
 */
export function rankTools(candidates: readonly ToolSpec[], message: string): ToolSpec[] {
  return candidates
    .map((tool, index) => ({ tool, index, score: score(tool, message) }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .map((entry) => entry.tool);
}
