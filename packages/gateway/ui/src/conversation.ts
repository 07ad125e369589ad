import { h, replace } from './dom.js';
import { formatCost, formatMs, formatTime, formatTokens } from './format.js';
import { Timeline, textOf } from './timeline.js';
import type { ChatConversation, Json, ResponseConversation, Trace } from './types.js';

interface TurnFacts {
  index: number;
  id: string;
  createdAt: number;
  model: string;
  status: string;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  trace: Trace;
}

function stat(label: string, value: string): HTMLElement {
  return h('span', { class: 'stat' }, `${label} `, h('b', {}, value));
}

/** The head of one turn: who answered, tokens (cached share), cost, latency and the gateway's notes. */
function turnHead(facts: TurnFacts): HTMLElement[] {
  const { trace } = facts;
  const head = h(
    'div',
    { class: 'turn-head', 'data-testid': 'turn-head' },
    h('strong', {}, `Turn ${facts.index + 1}`),
    h('code', { class: 'muted' }, facts.id),
    stat('model', facts.model),
    stat(
      'upstream',
      `${trace.provider ?? '–'}${trace.upstreamModel !== null ? ` · ${trace.upstreamModel}` : ''}`,
    ),
    stat('status', facts.status),
    stat('tokens', formatTokens(facts.inputTokens, facts.outputTokens, facts.cachedTokens)),
    stat('cost', formatCost(trace.costUsd)),
    stat('latency', formatMs(trace.latencyMs)),
    stat('first byte', formatMs(trace.ttfbMs)),
    stat('attempts', String(trace.upstreamAttempts)),
    h('span', { class: 'muted' }, formatTime(facts.createdAt)),
  );
  const notes =
    trace.adjustments.length === 0
      ? null
      : h(
          'ul',
          { class: 'notes', 'data-testid': 'adjustments', title: 'x-toolbridge-adjusted' },
          ...trace.adjustments.map((note) => h('li', {}, note)),
        );
  return notes === null ? [head] : [head, notes];
}

function numberAt(record: unknown, ...path: string[]): number | null {
  let value: unknown = record;
  for (const key of path)
    value = typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
  return typeof value === 'number' ? value : null;
}

/** One Responses item on the timeline. */
function responsesItem(timeline: Timeline, item: Json): HTMLElement | null {
  switch (item['type']) {
    case 'function_call':
      return timeline.call({
        name: String(item['name'] ?? ''),
        arguments: String(item['arguments'] ?? ''),
        callId: String(item['call_id'] ?? ''),
      });
    case 'function_call_output':
      return timeline.result(String(item['call_id'] ?? ''), item['output']);
    case 'reasoning':
      return null;
    default:
      if (item['type'] === 'message' || 'role' in item) {
        return timeline.message(String(item['role'] ?? 'user'), textOf(item['content']));
      }
      return h('div', { class: 'step system' }, h('div', { class: 'label' }, String(item['type'] ?? 'item')));
  }
}

/** A `previous_response_id` chain as one conversation, its turns in order. */
export function renderResponseConversation(root: HTMLElement, conversation: ResponseConversation): void {
  const timeline = new Timeline(conversation.turns.flatMap((turn) => turn.trace.repairs));
  const turns = conversation.turns.map((turn, index) => {
    const { response } = turn;
    const output = Array.isArray(response['output']) ? (response['output'] as Json[]) : [];
    const steps = [...turn.input, ...output].map((item) => responsesItem(timeline, item));
    return h(
      'section',
      { class: 'turn', 'data-testid': 'turn', 'data-response-id': turn.id },
      ...turnHead({
        index,
        id: turn.id,
        createdAt: turn.createdAt,
        model: String(response['model'] ?? '–'),
        status: String(response['status'] ?? '–'),
        inputTokens: numberAt(response, 'usage', 'input_tokens'),
        outputTokens: numberAt(response, 'usage', 'output_tokens'),
        cachedTokens: numberAt(response, 'usage', 'input_tokens_details', 'cached_tokens'),
        trace: turn.trace,
      }),
      ...steps,
    );
  });
  const total = conversation.turns.reduce((sum, turn) => sum + (turn.trace.costUsd ?? Number.NaN), 0);
  replace(
    root,
    h('a', { href: '#/', class: 'back' }, '← all traffic'),
    h(
      'h2',
      {},
      `Conversation · ${conversation.turns.length} ${conversation.turns.length === 1 ? 'turn' : 'turns'} · `,
      formatCost(Number.isNaN(total) ? null : total),
    ),
    ...turns,
  );
}

/** One Chat message on the timeline: text, the calls it makes, or a tool result. */
function chatMessage(timeline: Timeline, message: Json): Array<HTMLElement | null> {
  const role = String(message['role'] ?? 'user');
  if (role === 'tool') return [timeline.result(String(message['tool_call_id'] ?? ''), message['content'])];
  const steps: Array<HTMLElement | null> = [];
  const text = textOf(message['content']);
  if (text !== '' || role !== 'assistant') steps.push(timeline.message(role, text));
  const calls = Array.isArray(message['tool_calls']) ? (message['tool_calls'] as Json[]) : [];
  for (const call of calls) {
    const fn = (call['function'] ?? {}) as Json;
    steps.push(
      timeline.call({
        name: String(fn['name'] ?? ''),
        arguments: String(fn['arguments'] ?? ''),
        callId: String(call['id'] ?? ''),
      }),
    );
  }
  return steps;
}

/** A stored chat completion: the messages it was sent (the loop so far) and its answer. */
export function renderChatConversation(root: HTMLElement, conversation: ChatConversation): void {
  const timeline = new Timeline(conversation.trace.repairs);
  const choices = Array.isArray(conversation.completion['choices'])
    ? (conversation.completion['choices'] as Json[])
    : [];
  const answer = (choices[0]?.['message'] ?? null) as Json | null;
  const steps = [...conversation.messages, ...(answer === null ? [] : [answer])].flatMap((message) =>
    chatMessage(timeline, message),
  );
  const usage = conversation.completion['usage'];
  const metadata = Object.entries(conversation.metadata ?? {});
  replace(
    root,
    h('a', { href: '#/', class: 'back' }, '← all traffic'),
    h('h2', {}, `Chat completion · ${formatCost(conversation.trace.costUsd)}`),
    metadata.length > 0
      ? h('p', { class: 'muted' }, metadata.map(([key, value]) => `${key}=${value}`).join('  '))
      : null,
    h(
      'section',
      { class: 'turn', 'data-testid': 'turn', 'data-completion-id': conversation.id },
      ...turnHead({
        index: 0,
        id: conversation.id,
        createdAt: conversation.createdAt,
        model: conversation.model,
        status: String(choices[0]?.['finish_reason'] ?? '–'),
        inputTokens: numberAt(usage, 'prompt_tokens'),
        outputTokens: numberAt(usage, 'completion_tokens'),
        cachedTokens: numberAt(usage, 'prompt_tokens_details', 'cached_tokens'),
        trace: conversation.trace,
      }),
      ...steps,
    ),
  );
}
