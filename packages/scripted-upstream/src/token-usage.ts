import { createHash } from 'node:crypto';
import type { PrefixCache } from './prefix-cache.js';
import type { ScriptedRequest, ToolSpec } from './scripted-request.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import type { Turn } from './turn.js';

/** Deterministic token counts for one exchange, rendered into either usage shape by the writers. */
export interface TokenUsage {
  input: number;
  cached: number;
  output: number;
}

function tokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / SCRIPTED_UPSTREAM_DEFAULTS.charsPerToken));
}

function toolText(tools: readonly ToolSpec[]): string {
  try {
    return JSON.stringify(tools);
  } catch {
    // Pathologically deep schemas: count names only rather than fail the request.
    return tools.map((tool) => tool.name).join(' ');
  }
}

function promptChars(request: ScriptedRequest): number {
  let chars = toolText(request.tools).length;
  for (const entry of request.entries) {
    if (entry.kind === 'call') chars += entry.name.length + entry.arguments.length;
    else if (entry.kind === 'result') chars += entry.output.length;
    else chars += entry.text.length;
  }
  return chars;
}

/** Characters of the assistant output: the text, or every call's name plus arguments. */
export function turnChars(turn: Turn): number {
  if (turn.kind === 'text') return turn.text.length;
  return turn.calls.reduce((sum, call) => sum + call.name.length + call.arguments.length, 0);
}

// The prefix a provider cache would key on: tools, leading system text, and the first user message.
function prefixKey(request: ScriptedRequest): string {
  const head: string[] = [toolText(request.tools)];
  for (const entry of request.entries) {
    if (entry.kind === 'system') head.push(entry.text);
    if (entry.kind === 'user') {
      head.push(entry.text);
      break;
    }
  }
  return createHash('sha256').update(JSON.stringify(head)).digest('hex');
}

/**
 * Counts tokens as ceil(characters / 4) of the prompt (message texts, call arguments, results and
 * tool definitions) and of the output. When the prefix was seen before, half the input tokens
 * (rounded down) are reported as cached.
 */
export function measureUsage(request: ScriptedRequest, turn: Turn, cache: PrefixCache): TokenUsage {
  const input = tokens(promptChars(request));
  const seen = cache.visit(prefixKey(request));
  return {
    input,
    cached: seen ? Math.floor(input * SCRIPTED_UPSTREAM_DEFAULTS.cachedShare) : 0,
    output: tokens(turnChars(turn)),
  };
}
