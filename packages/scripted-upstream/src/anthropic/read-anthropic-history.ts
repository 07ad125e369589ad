import { isRecord, type JsonRecord, ownString, ownValue } from '../json-value.js';
import type { ConversationEntry } from '../scripted-request.js';
import { type AnthropicRead, invalidMessages, refused } from './anthropic-error.js';
import { thinkingSignature } from './thinking-signature.js';

/** The conversation as the planner reads it, plus what the request-level checks need. */
export interface AnthropicHistory {
  entries: ConversationEntry[];
  /** The messages hold `tool_use` or `tool_result` blocks (then `tools` are required). */
  hasToolBlocks: boolean;
}

const ID_PATTERN = /^[a-zA-Z0-9_-]+$/;
const PENDING_THINKING =
  'Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`.';

/** State carried from one message to the next. */
interface Walk {
  entries: ConversationEntry[];
  seenIds: Set<string>;
  /** `tool_use` ids of the previous assistant message, waiting for their results. */
  pending: string[];
  pendingAt: number;
  hasToolBlocks: boolean;
}

function blockText(block: JsonRecord, where: string): AnthropicRead<string> {
  const text = ownValue(block, 'text');
  if (typeof text !== 'string') return refused(invalidMessages(`${where}.text: Field required`));
  if (text === '') return refused(invalidMessages(`${where}.text: text content blocks must be non-empty`));
  if (text.trim() === '')
    return refused(invalidMessages(`${where}.text: text content blocks must contain non-whitespace text`));
  return { ok: true, value: text };
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) ? (ownString(part, 'text') ?? '') : '')).join('');
}

function readUserBlock(
  block: JsonRecord,
  where: string,
  walk: Walk,
  afterOther: boolean,
): AnthropicRead<null> {
  const type = ownValue(block, 'type');
  if (type === 'text') {
    const text = blockText(block, where);
    if (!text.ok) return text;
    walk.entries.push({ kind: 'user', text: text.value });
  } else if (type === 'tool_result') {
    walk.hasToolBlocks = true;
    const id = ownString(block, 'tool_use_id') ?? '';
    if (afterOther)
      return refused(
        invalidMessages(
          `${where}: \`tool_result\` blocks must come first in a user message, before any other content`,
        ),
      );
    if (!walk.pending.includes(id)) {
      return refused(
        invalidMessages(
          `${where}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        ),
      );
    }
    walk.pending = walk.pending.filter((pending) => pending !== id);
    walk.entries.push({ kind: 'result', callId: id, output: resultText(ownValue(block, 'content')) });
  } else if (type !== 'image' && type !== 'document') {
    return refused(
      invalidMessages(`${where}.type: Input tag '${String(type)}' is not allowed in a user message`),
    );
  }
  return { ok: true, value: null };
}

function readAssistantBlock(
  block: JsonRecord,
  where: string,
  walk: Walk,
  afterOther: boolean,
): AnthropicRead<null> {
  const type = ownValue(block, 'type');
  if (type === 'text') {
    const text = blockText(block, where);
    if (!text.ok) return text;
    walk.entries.push({ kind: 'assistant', text: text.value });
  } else if (type === 'tool_use') {
    walk.hasToolBlocks = true;
    const id = ownString(block, 'id') ?? '';
    if (!ID_PATTERN.test(id))
      return refused(invalidMessages(`${where}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`));
    if (walk.seenIds.has(id)) return refused(invalidMessages(`${where}: \`tool_use\` ids must be unique`));
    const input = ownValue(block, 'input');
    if (!isRecord(input))
      return refused(invalidMessages(`${where}.input: Input should be a valid dictionary`));
    walk.seenIds.add(id);
    walk.pending.push(id);
    walk.entries.push({
      kind: 'call',
      callId: id,
      name: ownString(block, 'name') ?? '',
      arguments: JSON.stringify(input),
    });
  } else if (type === 'thinking' || type === 'redacted_thinking') {
    if (afterOther)
      return refused(
        invalidMessages(
          `${where}: thinking blocks must come before any other content of an assistant message`,
        ),
      );
    const valid =
      type === 'thinking'
        ? thinkingSignature.verify(ownString(block, 'thinking') ?? '', ownString(block, 'signature') ?? '')
        : thinkingSignature.verifyRedacted(ownString(block, 'data') ?? '');
    if (!valid) return refused(invalidMessages(`${where}: Invalid \`signature\` in \`${type}\` block`));
  } else {
    return refused(
      invalidMessages(`${where}.type: Input tag '${String(type)}' is not allowed in an assistant message`),
    );
  }
  return { ok: true, value: null };
}

function readContent(message: JsonRecord, index: number, role: string, walk: Walk): AnthropicRead<null> {
  const content = ownValue(message, 'content');
  if (typeof content === 'string') {
    if (content.trim() === '')
      return refused(invalidMessages(`messages.${index}: ${role} messages must have non-empty content`));
    walk.entries.push(
      role === 'user' ? { kind: 'user', text: content } : { kind: 'assistant', text: content },
    );
    return { ok: true, value: null };
  }
  if (!Array.isArray(content) || content.length === 0)
    return refused(invalidMessages(`messages.${index}.content: List should have at least 1 item`));
  let afterOther = false;
  for (const [position, block] of content.entries()) {
    const where = `messages.${index}.content.${position}`;
    if (!isRecord(block)) return refused(invalidMessages(`${where}: Input should be an object`));
    const read =
      role === 'user'
        ? readUserBlock(block, where, walk, afterOther)
        : readAssistantBlock(block, where, walk, afterOther);
    if (!read.ok) return read;
    const type = ownValue(block, 'type');
    afterOther ||=
      role === 'user' ? type !== 'tool_result' : type !== 'thinking' && type !== 'redacted_thinking';
  }
  return { ok: true, value: null };
}

function missingResults<T>(walk: Walk): AnthropicRead<T> {
  return refused(
    invalidMessages(
      `messages.${walk.pendingAt}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${walk.pending.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    ),
  );
}

function hasResults(message: unknown): boolean {
  const content = isRecord(message) ? ownValue(message, 'content') : undefined;
  return (
    Array.isArray(content) &&
    content.some((block) => isRecord(block) && ownValue(block, 'type') === 'tool_result')
  );
}

function firstBlockType(message: unknown): string {
  const content = isRecord(message) ? ownValue(message, 'content') : undefined;
  if (typeof content === 'string') return 'text';
  const first = Array.isArray(content) ? content[0] : undefined;
  return isRecord(first) ? String(ownValue(first, 'type')) : 'nothing';
}

/**
 * Reads `messages` the way Anthropic checks them, answering its 400 for each rule a translating
 * gateway can break (docs/scripted-upstream.md, "Anthropic Messages"): roles alternate (the API
 * documents merging runs of one role; the double is stricter on purpose, so a gateway that fails to
 * merge is caught), no empty text, valid and unique `tool_use` ids with object inputs, every call's
 * result in the very next user message and results first, thinking blocks first and unmodified, and
 * with thinking on, the assistant turn of pending results opening with a thinking block.
 */
export function readAnthropicHistory(
  messages: readonly unknown[],
  thinking: boolean,
): AnthropicRead<AnthropicHistory> {
  const walk: Walk = { entries: [], seenIds: new Set(), pending: [], pendingAt: 0, hasToolBlocks: false };
  let previousRole: string | undefined;
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) return refused(invalidMessages(`messages.${index}: Input should be an object`));
    const role = ownValue(message, 'role');
    if (role !== 'user' && role !== 'assistant')
      return refused(invalidMessages(`messages.${index}.role: Input should be 'user' or 'assistant'`));
    if (role === previousRole) {
      return refused(
        invalidMessages(
          `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`,
        ),
      );
    }
    if (role === 'assistant' && walk.pending.length > 0) return missingResults(walk);
    const read = readContent(message, index, role, walk);
    if (!read.ok) return refused(read.error);
    if (role === 'user' && walk.pending.length > 0) return missingResults(walk);
    if (role === 'assistant') walk.pendingAt = index;
    previousRole = role;
  }
  const last = messages.at(-1);
  if (thinking && hasResults(last) && messages.length >= 2) {
    const found = firstBlockType(messages.at(-2));
    if (found !== 'thinking' && found !== 'redacted_thinking') {
      return refused(
        invalidMessages(
          `messages.${messages.length - 2}.content.0.type: ${PENDING_THINKING.replace('{found}', found)}`,
        ),
      );
    }
  }
  return last === undefined
    ? refused(invalidMessages('messages: List should have at least 1 item'))
    : { ok: true, value: { entries: walk.entries, hasToolBlocks: walk.hasToolBlocks } };
}
