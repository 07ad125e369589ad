import { citationsOf } from './chat-citations.js';
import type { ChatAnswerExtras } from './chat-completion-body.js';
import { textTokenLogprobs } from './chat-logprobs.js';
import { type ChatMeta, chatUsage } from './chat-meta.js';
import { splitFragments } from './split-fragments.js';
import type { PlannedCall, Turn } from './turn.js';

/** How {@link buildChatStreamFrames} shapes the stream (`logprobs.fragments` is `fragments`). */
export interface ChatStreamOptions extends Omit<ChatAnswerExtras, 'logprobs'> {
  /** Pieces per argument string / text answer. */
  fragments: number;
  /** Omit `index` from tool-call deltas (old Ollama style). */
  noIndex: boolean;
  /** Interleave the deltas of parallel calls 0,1,0,1 instead of one call after another. */
  interleave: boolean;
  /** `stream_options.include_usage`: `usage: null` on every chunk plus a final usage chunk. */
  includeUsage: boolean;
  /** Non-conforming `#split-ids`: the id's second half rides on the first argument delta. */
  splitIds?: boolean;
  /**
   * Chat `logprobs: true` with this `top_logprobs`: each text fragment's chunk carries its token. The
   * thinking (`reasoning`) streams first, as fragments of `delta[field]`; `citations` come after a text
   * answer's fragments, in a delta of their own.
   */
  topLogprobs?: number;
}

interface ToolCallDelta {
  index?: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

interface Delta {
  role?: 'assistant';
  reasoning_content?: string;
  reasoning?: string;
  annotations?: unknown[];
  content?: string | null;
  refusal?: null;
  tool_calls?: ToolCallDelta[];
}

/** The frame that ends every Chat stream (docs/protocol/chat-completions.md#streaming). */
export const CHAT_DONE_FRAME = 'data: [DONE]\n\n';

function callDeltas(call: PlannedCall, index: number, options: ChatStreamOptions): ToolCallDelta[] {
  const at = options.noIndex ? {} : { index };
  // First delta names the call; later ones carry only argument fragments, never repeating id/name
  // (docs/protocol/chat-completions.md#streaming, rule 3).
  // `#split-ids` breaks that rule on purpose: some servers send the id in pieces, which only an
  // accumulator that concatenates ids (the Python SDK's) puts back together.
  const cut = options.splitIds === true ? Math.ceil(call.callId.length / 2) : call.callId.length;
  const head: ToolCallDelta = {
    ...at,
    id: call.callId.slice(0, cut),
    type: 'function',
    function: { name: call.name, arguments: '' },
  };
  const rest: ToolCallDelta[] = splitFragments(call.arguments, options.fragments).map((fragment) => ({
    ...at,
    function: { arguments: fragment },
  }));
  const first = rest[0];
  if (options.splitIds === true && first !== undefined) rest[0] = { ...first, id: call.callId.slice(cut) };
  return [head, ...rest];
}

function ordered(lists: ToolCallDelta[][], interleave: boolean): ToolCallDelta[] {
  if (!interleave) return lists.flat();
  const out: ToolCallDelta[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let step = 0; step < longest; step += 1) {
    for (const list of lists) {
      const delta = list[step];
      if (delta !== undefined) out.push(delta);
    }
  }
  return out;
}

/**
 * The `data:` frames of a Chat Completions stream for a turn (docs/protocol/chat-completions.md#streaming),
 * without the final `[DONE]` frame so faults can be injected first: role chunk, content or tool-call deltas
 * (calls one after another unless interleaved), a `delta: {}` finish chunk, then the usage chunk.
 */
export function buildChatStreamFrames(turn: Turn, meta: ChatMeta, options: ChatStreamOptions): string[] {
  const envelope = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: meta.systemFingerprint,
  };
  const usageField = options.includeUsage ? { usage: null } : {};
  const frame = (delta: Delta, finishReason: string | null, logprobs: unknown = null): string =>
    `data: ${JSON.stringify({ ...envelope, choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }], ...usageField })}\n\n`;
  const frames: string[] = [];
  const thinking = (): void => {
    const reasoning = options.reasoning;
    if (reasoning === undefined) return;
    for (const piece of splitFragments(reasoning.text, options.fragments))
      frames.push(frame({ [reasoning.field]: piece }, null));
  };
  if (turn.kind === 'text') {
    frames.push(frame({ role: 'assistant', content: '', refusal: null }, null));
    thinking();
    const pieces = splitFragments(turn.text, options.fragments);
    const tokens =
      options.topLogprobs === undefined
        ? undefined
        : textTokenLogprobs(turn.text, { top: options.topLogprobs, fragments: options.fragments });
    for (const [index, piece] of pieces.entries()) {
      const token = tokens?.[index];
      frames.push(
        frame({ content: piece }, null, token === undefined ? null : { content: [token], refusal: null }),
      );
    }
    if (options.citations === true) frames.push(frame({ annotations: citationsOf(turn.text) }, null));
  } else {
    frames.push(frame({ role: 'assistant', content: null }, null));
    thinking();
    const lists = turn.calls.map((call, index) => callDeltas(call, index, options));
    for (const delta of ordered(lists, options.interleave)) frames.push(frame({ tool_calls: [delta] }, null));
  }
  frames.push(frame({}, turn.finishReason));
  if (options.includeUsage && meta.usage !== null) {
    frames.push(`data: ${JSON.stringify({ ...envelope, choices: [], usage: chatUsage(meta.usage) })}\n\n`);
  }
  return frames;
}
