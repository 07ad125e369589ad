import type { ScriptedDirectives } from '../scripted-directives.js';
import { scriptedIds } from '../scripted-ids.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';
import type { TokenUsage } from '../token-usage.js';
import type { Turn } from '../turn.js';
import { thinkingSignature } from './thinking-signature.js';

/** One content block of the answer, before it is written as JSON or as stream events. */
export type AnswerBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  /** `arguments` is the exact text the model "produced"; `complete: false` when cut by max_tokens. */
  | { type: 'tool_use'; id: string; name: string; arguments: string; complete: boolean };

/** Anthropic's usage object, with cache reads and writes outside `input_tokens`. */
export interface AnthropicUsageBody {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  thinking_tokens: number;
}

/** The assistant message the Anthropic side answers with. */
export interface AnthropicAnswer {
  id: string;
  model: string;
  blocks: AnswerBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'refusal';
  usage: AnthropicUsageBody;
}

const REFUSAL_TEXT = "I can't help with that request.";
const PREAMBLE_TEXT = "I'll look that up.";

function tokens(text: string): number {
  return Math.ceil(text.length / SCRIPTED_UPSTREAM_DEFAULTS.charsPerToken);
}

function thinkingText(turn: Turn, question: string): string {
  const topic = question === '' ? 'The conversation continues.' : `The user asks: ${question}`;
  if (turn.kind === 'text') return `${topic} I can answer directly.`;
  return `${topic} I should call ${[...new Set(turn.calls.map((call) => call.name))].join(' and ')}.`;
}

/**
 * Anthropic usage from the double's token counts (docs/scripted-upstream.md): a prefix seen before
 * reads half the input from the cache, a new one writes half of it; `input_tokens` is the rest.
 * Thinking counts as output, and separately as `thinking_tokens`.
 */
function usageOf(usage: TokenUsage | null, thinking: string): AnthropicUsageBody {
  const counted = usage ?? { input: 0, cached: 0, output: 0 };
  const read = counted.cached;
  const write = read > 0 ? 0 : Math.floor(counted.input * SCRIPTED_UPSTREAM_DEFAULTS.cachedShare);
  const thinkingTokens = thinking === '' ? 0 : tokens(thinking);
  return {
    input_tokens: counted.input - read - write,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    output_tokens: counted.output + thinkingTokens,
    thinking_tokens: thinkingTokens,
  };
}

/**
 * Renders the planner's neutral turn as Anthropic content (docs/scripted-upstream.md, "Anthropic
 * Messages"): a signed thinking block first when the request enabled thinking (plus a redacted one
 * with `#redacted-thinking`), then text or `tool_use` blocks with `toolu_` ids (foreign-looking ids
 * with `#foreign-ids`, a text block first with `#preamble`). Forced calls still stop with `tool_use`,
 * as Anthropic does; a cut turn stops with `max_tokens`, `#refusal` with `refusal`.
 */
export function buildAnthropicAnswer(options: {
  turn: Turn;
  usage: TokenUsage | null;
  model: string;
  question: string;
  thinking: boolean;
  directives: ScriptedDirectives;
}): AnthropicAnswer {
  const { turn, directives } = options;
  const blocks: AnswerBlock[] = [];
  const thought = options.thinking ? thinkingText(turn, options.question) : '';
  if (options.thinking) {
    blocks.push({ type: 'thinking', thinking: thought, signature: thinkingSignature.sign(thought) });
    if (directives.redactedThinking)
      blocks.push({ type: 'redacted_thinking', data: thinkingSignature.redacted() });
  }
  let stopReason: AnthropicAnswer['stopReason'];
  if (directives.refusal) {
    blocks.push({ type: 'text', text: REFUSAL_TEXT });
    stopReason = 'refusal';
  } else if (turn.kind === 'text') {
    if (turn.text !== '') blocks.push({ type: 'text', text: turn.text });
    stopReason = turn.finishReason === 'length' ? 'max_tokens' : 'end_turn';
  } else {
    if (directives.preamble) blocks.push({ type: 'text', text: PREAMBLE_TEXT });
    const cut = turn.finishReason === 'length';
    turn.calls.forEach((call, index) => {
      blocks.push({
        type: 'tool_use',
        id: directives.foreignIds ? `functions.${call.name}:${index}` : scriptedIds.toolUse(),
        name: call.name,
        arguments: call.arguments,
        complete: !(cut && index === turn.calls.length - 1),
      });
    });
    stopReason = cut ? 'max_tokens' : 'tool_use';
  }
  return {
    id: scriptedIds.anthropicMessage(),
    model: options.model,
    blocks,
    stopReason,
    usage: usageOf(options.usage, thought),
  };
}
