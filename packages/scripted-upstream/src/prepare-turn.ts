import { analyseConversation } from './analyse-conversation.js';
import type { Exchange } from './exchange.js';
import { limitTurn } from './limit-turn.js';
import { parseDirectives } from './parse-directives.js';
import { pause } from './pause.js';
import { planTurn } from './plan-turn.js';
import type { ScriptedDirectives } from './scripted-directives.js';
import { scriptedFailure } from './scripted-failure.js';
import type { ScriptedRequest } from './scripted-request.js';
import { sendError } from './send-error.js';
import { measureUsage, type TokenUsage } from './token-usage.js';
import type { Turn } from './turn.js';

/** A decided turn with the directives in force and its usage (null with `#no-usage`). */
export interface PreparedTurn {
  turn: Turn;
  directives: ScriptedDirectives;
  usage: TokenUsage | null;
  /** The question the turn answers (directives removed), for writers that echo it. */
  question: string;
}

/** A failure a directive asked for: `#error=NNN`, `#quota`, or `#error-midstream` on a non-streaming request. */
export type DirectedFailure = { kind: 'http'; status: number } | { kind: 'quota' } | { kind: 'midstream' };

/** Sends a directed failure in the endpoint's own error shape; the OpenAI envelope by default. */
export type SendFailure = (failure: DirectedFailure) => void;

/**
 * The steps both endpoints share: read the directives (server, header, then the user's messages),
 * wait out `#first-byte-delay`, answer `#error=NNN` (and `#error-midstream` without a stream),
 * then plan the turn, cut it to length and count usage. Returns null when the answer was already
 * sent or the client went away.
 */
export async function prepareTurn(
  exchange: Exchange,
  request: ScriptedRequest,
  sendFailure: SendFailure = (failure) =>
    sendError(
      exchange.response,
      failure.kind === 'http'
        ? scriptedFailure.http(failure.status)
        : failure.kind === 'quota'
          ? scriptedFailure.quota()
          : scriptedFailure.nonStreaming(),
      exchange.requestId,
    ),
): Promise<PreparedTurn | null> {
  const view = analyseConversation(request.entries);
  const directives = parseDirectives(view.directiveText, exchange.directives);
  if (!(await pause(directives.firstByteDelayMs, exchange.signal))) return null;
  const failure: DirectedFailure | null =
    directives.errorStatus !== null
      ? { kind: 'http', status: directives.errorStatus }
      : directives.quota
        ? { kind: 'quota' }
        : directives.errorMidstream && !request.stream
          ? { kind: 'midstream' }
          : null;
  if (failure !== null) {
    sendFailure(failure);
    return null;
  }
  const planned = planTurn({ request, view, directives });
  const turn = limitTurn(planned, { forced: directives.length, maxOutputTokens: request.maxOutputTokens });
  const usage = directives.noUsage ? null : measureUsage(request, turn, exchange.prefixCache);
  return { turn, directives, usage, question: view.question };
}
