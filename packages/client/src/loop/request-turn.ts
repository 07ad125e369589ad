import type { CanonicalToolChoice } from '@toolbridge/core';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import type { TurnResult } from '../transport/transport.js';
import type { Conversation } from './conversation.js';
import type { RunConfig } from './run-config.js';

/** Options of {@link requestTurn}. */
export interface RequestTurnOptions {
  config: RunConfig;
  conversation: Conversation;
  stepIndex: number;
  toolChoice: CanonicalToolChoice | null;
}

/** A model turn, plus how the conversation was carried and what the loop decided on the way. */
export interface RequestedTurn {
  turn: TurnResult;
  state: 'server' | 'replay';
  notes: string[];
}

function send(options: RequestTurnOptions): Promise<TurnResult> {
  const { config, conversation, stepIndex, toolChoice } = options;
  const { events } = config;
  return config.transport.createTurn(
    { ...config.baseRequest, ...conversation.nextInput(), toolChoice },
    {
      signal: config.signal,
      onTextDelta: (delta) => events.emit('onTextDelta', { stepIndex, delta }),
      onToolArgumentsDelta: (event) => events.emit('onToolArgumentsDelta', { stepIndex, ...event }),
    },
  );
}

function canFallBack(
  error: unknown,
  options: RequestTurnOptions,
  continued: boolean,
): error is ToolbridgeClientError {
  return (
    continued &&
    options.config.state === 'auto' &&
    ToolbridgeClientError.isInstance(error) &&
    error.code === 'previous_response_unavailable'
  );
}

/**
 * Sends one model request. In `auto` state mode a request that continued with `previous_response_id`
 * and got "previous response unknown" back is sent again with the whole history, and every later
 * request replays too; the step's notes say so.
 */
export async function requestTurn(options: RequestTurnOptions): Promise<RequestedTurn> {
  const { conversation } = options;
  const continued = conversation.nextInput().previousResponseId !== null;
  try {
    const turn = await send(options);
    return { turn, state: conversation.mode, notes: [] };
  } catch (error) {
    if (!canFallBack(error, options, continued)) throw error;
    conversation.switchToReplay();
    const note = `${error.message} Replaying the full history from this step on.`;
    const turn = await send(options);
    return { turn, state: 'replay', notes: [note] };
  }
}
