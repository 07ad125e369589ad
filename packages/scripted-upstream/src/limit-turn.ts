import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { turnChars } from './token-usage.js';
import type { PlannedCall, Turn } from './turn.js';

function prefix(text: string, chars: number): string {
  return [...text].slice(0, Math.max(0, chars)).join('');
}

function half(text: string): string {
  return prefix(text, Math.max(1, Math.floor([...text].length / 2)));
}

function fitCalls(calls: readonly PlannedCall[], budget: number): PlannedCall[] {
  const kept: PlannedCall[] = [];
  let left = budget;
  for (const call of calls) {
    const size = call.name.length + call.arguments.length;
    if (size <= left) kept.push(call);
    else {
      kept.push({ ...call, arguments: prefix(call.arguments, left - call.name.length) });
      break;
    }
    left -= size;
  }
  return kept;
}

/**
 * Cuts a turn off the way a provider does when it runs out of output tokens: `#length` halves the
 * text (or keeps the first call with half its arguments); a `max_tokens` / `max_output_tokens`
 * below the turn's size truncates it to that many tokens. Either way the finish becomes `length`.
 */
export function limitTurn(turn: Turn, options: { forced: boolean; maxOutputTokens: number | null }): Turn {
  if (options.forced) {
    if (turn.kind === 'text') return { kind: 'text', text: half(turn.text), finishReason: 'length' };
    const first = turn.calls[0];
    const calls = first === undefined ? [] : [{ ...first, arguments: half(first.arguments) }];
    return { kind: 'calls', calls, finishReason: 'length' };
  }
  if (options.maxOutputTokens === null) return turn;
  const budget = options.maxOutputTokens * SCRIPTED_UPSTREAM_DEFAULTS.charsPerToken;
  if (turnChars(turn) <= budget) return turn;
  if (turn.kind === 'text') return { kind: 'text', text: prefix(turn.text, budget), finishReason: 'length' };
  return { kind: 'calls', calls: fitCalls(turn.calls, budget), finishReason: 'length' };
}
