import { isRecord } from './json-value.js';
import { stripDirectives } from './parse-directives.js';
import { safeParseJson } from './safe-parse-json.js';
import type { ConversationEntry } from './scripted-request.js';

/** A tool result to quote in the final answer, labelled by what its call was about. */
export interface QuotedResult {
  label: string;
  output: string;
}

/** What the planner needs to know about the conversation so far. */
export interface ConversationView {
  /** The question being answered: the last user message that is not a correction, directives removed. */
  question: string;
  /** Raw text of the user messages from the question on, where directive tokens are read. */
  directiveText: string;
  /** Tool results after the last user message, in order. */
  trailingResults: QuotedResult[];
  /** A tool result or user message after the latest tool call says the call was "invalid". */
  retryRequested: boolean;
  /** A user message after the question asks for a function call (the gateway's re-ask of a required call). */
  callRequested: boolean;
}

const CORRECTION = /\binvalid\b/i;
/** How a gateway's re-ask starts: toolbridge marks what it says to the model with `toolbridge:`. */
const REASK = /^toolbridge:/;

function isReask(entry: ConversationEntry): boolean {
  return entry.kind === 'user' && REASK.test(entry.text.trimStart());
}

function isCorrection(entry: ConversationEntry): boolean {
  if (entry.kind === 'user') return CORRECTION.test(stripDirectives(entry.text));
  if (entry.kind === 'result') return CORRECTION.test(entry.output);
  return false;
}

function labelFor(call: Extract<ConversationEntry, { kind: 'call' }> | undefined, callId: string): string {
  if (call === undefined) return callId || 'tool';
  const parsed = safeParseJson(call.arguments);
  if (parsed.ok && isRecord(parsed.value)) {
    const first = Object.values(parsed.value).find((value) => typeof value === 'string' && value !== '');
    if (typeof first === 'string') return first;
  }
  return call.name || callId;
}

function lastIndex(
  entries: readonly ConversationEntry[],
  test: (entry: ConversationEntry, index: number) => boolean,
): number {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry !== undefined && test(entry, index)) return index;
  }
  return -1;
}

/**
 * Reads the conversation the way the scripted upstream decides its turn. A user message counts as a
 * correction (not a new question) when it follows a tool call and contains the word "invalid";
 * the same word in a tool result after the latest call is how a retry request is recognised. A user
 * message starting `toolbridge:` is a gateway's re-ask, never a new question.
 */
export function analyseConversation(entries: readonly ConversationEntry[]): ConversationView {
  const firstCall = entries.findIndex((entry) => entry.kind === 'call');
  const lastCall = lastIndex(entries, (entry) => entry.kind === 'call');
  const lastUser = lastIndex(entries, (entry) => entry.kind === 'user');
  const questionIndex = lastIndex(
    entries,
    (entry, index) =>
      entry.kind === 'user' &&
      !isReask(entry) &&
      !(firstCall >= 0 && index > firstCall && isCorrection(entry)),
  );
  const anchor = questionIndex >= 0 ? questionIndex : lastUser;
  const question = entries[anchor];
  const calls = new Map<string, Extract<ConversationEntry, { kind: 'call' }>>();
  for (const entry of entries) if (entry.kind === 'call') calls.set(entry.callId, entry);
  const trailingResults: QuotedResult[] = [];
  const directiveTexts: string[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.kind === 'result' && index > lastUser) {
      trailingResults.push({ label: labelFor(calls.get(entry.callId), entry.callId), output: entry.output });
    }
    if (entry.kind === 'user' && anchor >= 0 && index >= anchor) directiveTexts.push(entry.text);
  }
  return {
    question: question?.kind === 'user' ? stripDirectives(question.text) : '',
    directiveText: directiveTexts.join('\n'),
    trailingResults,
    retryRequested: lastCall >= 0 && entries.slice(lastCall + 1).some(isCorrection),
    callRequested: anchor >= 0 && entries.slice(anchor + 1).some(isReask),
  };
}
