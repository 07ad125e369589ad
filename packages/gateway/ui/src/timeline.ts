import { h } from './dom.js';
import { prettyJson, prettyValue } from './format.js';
import type { Json, Repair } from './types.js';

/** The text of a message's content, whatever its shape (a string or a list of text parts). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === null || content === undefined ? '' : prettyValue(content);
  return content
    .map((part: unknown) => {
      if (typeof part !== 'object' || part === null) return '';
      const record = part as Json;
      if (typeof record['text'] === 'string') return record['text'];
      if (typeof record['refusal'] === 'string') return `[refusal] ${record['refusal']}`;
      return `[${String(record['type'] ?? 'part')}]`;
    })
    .join('');
}

/** A call as the viewer draws it. */
export interface CallView {
  name: string;
  arguments: string;
  callId: string;
}

/**
 * Draws a conversation as steps: messages, and each call as a card that its result joins when it comes
 * (matched by call id, whichever turn it arrives in), so a call is always shown with its result. A result
 * with no call before it is drawn on its own and marked: that is a broken pairing worth seeing.
 */
export class Timeline {
  readonly #results = new Map<string, HTMLElement>();
  readonly #repairs = new Map<string, Repair>();

  constructor(repairs: readonly Repair[]) {
    for (const repair of repairs) this.#repairs.set(repair.repairedCallId ?? repair.callId, repair);
  }

  message(role: string, text: string): HTMLElement {
    const kind = role === 'assistant' ? 'answer' : role === 'user' ? 'user' : 'system';
    const testId = role === 'assistant' ? 'answer' : role === 'user' ? 'user-message' : 'system-message';
    return h(
      'div',
      { class: `step ${kind}`, 'data-testid': testId },
      h('div', { class: 'label' }, role === 'assistant' ? 'answer' : role),
      h('div', {}, text),
    );
  }

  call(call: CallView): HTMLElement {
    const repair = this.#repairs.get(call.callId);
    const results = h('div', { class: 'results' });
    this.#results.set(call.callId, results);
    return h(
      'div',
      { class: 'step call', 'data-testid': 'call', 'data-call-id': call.callId },
      h(
        'div',
        { class: 'call-head' },
        h('span', { class: 'label' }, 'tool call'),
        h('span', { class: 'call-name', 'data-testid': 'call-name' }, call.name),
        h('code', { class: 'muted', 'data-testid': 'call-id' }, call.callId),
        repair !== undefined
          ? h('span', { class: 'pill warn', 'data-testid': 'repaired' }, 'repaired')
          : null,
      ),
      h('pre', { 'data-testid': 'call-args' }, prettyJson(call.arguments)),
      repair !== undefined ? this.#repairDetails(repair) : null,
      results,
    );
  }

  /** The result of a call: inside the call's card when the call was drawn, else on its own, marked. */
  result(callId: string, output: unknown): HTMLElement | null {
    const body = h(
      'div',
      { class: 'result', 'data-testid': 'result', 'data-call-id': callId },
      h('div', { class: 'label' }, 'result · ', h('code', {}, callId)),
      h('pre', {}, prettyValue(output)),
    );
    const slot = this.#results.get(callId);
    if (slot !== undefined) {
      slot.append(body);
      return null;
    }
    return h(
      'div',
      { class: 'step orphan', 'data-testid': 'orphan-result' },
      h('div', { class: 'label error' }, 'result for an unknown call ', h('code', {}, callId)),
      body,
    );
  }

  #repairDetails(repair: Repair): HTMLElement {
    return h(
      'details',
      { class: 'repaired' },
      h('summary', {}, `The model's first call was rejected: ${repair.reason}`),
      h('div', { class: 'label' }, 'original call ', h('code', {}, repair.callId)),
      h('pre', { 'data-testid': 'original-args' }, prettyJson(repair.originalArguments)),
    );
  }
}
