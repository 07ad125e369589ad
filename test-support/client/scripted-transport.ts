import type { CreateTurnOptions, Transport, TurnRequest, TurnResult } from '@toolbridge/client';
import { ToolbridgeClientError } from '@toolbridge/client';
import type { CanonicalFinishReason, CanonicalItem, CanonicalResponse, JsonObject } from '@toolbridge/core';

/** One scripted model turn: calls (by tool name and argument text), optional text, and how it ended. */
export interface ScriptedTurn {
  text?: string;
  calls: Array<{ name: string; arguments: string }>;
  finishReason?: CanonicalFinishReason;
  truncated?: boolean;
}

/** An in-memory transport that plays `turns` in order, then answers with text; for loop tests. */
export interface ScriptedTransport extends Transport {
  /** Every request the loop sent, in order. */
  readonly requests: TurnRequest[];
}

/** Options of {@link createScriptedTransport}. */
export interface ScriptedTransportOptions {
  api: 'chat' | 'responses';
  turns: readonly ScriptedTurn[];
  /** Called at the start of request `index` (0-based), e.g. to abort the run right then. */
  onRequest?: (index: number) => void;
}

function toOutput(turn: ScriptedTurn, requestIndex: number): CanonicalItem[] {
  const output: CanonicalItem[] = [];
  if (turn.text !== undefined)
    output.push({ type: 'message', role: 'assistant', content: [{ type: 'text', text: turn.text }] });
  turn.calls.forEach((call, index) => {
    output.push({
      type: 'function_call',
      callId: `call_${requestIndex}_${index}`,
      name: call.name,
      arguments: call.arguments,
    });
  });
  return output;
}

function respond(turn: ScriptedTurn, requestIndex: number): CanonicalResponse {
  const usage = {
    inputTokens: 100,
    outputTokens: 10,
    totalTokens: 110,
    cachedTokens: requestIndex === 0 ? 0 : 50,
    reasoningTokens: 0,
  };
  return {
    id: `resp_${requestIndex}`,
    model: 'gpt-5.4-mini',
    createdAt: 0,
    output: toOutput(turn, requestIndex),
    finishReason: turn.finishReason ?? (turn.calls.length > 0 ? 'tool_calls' : 'stop'),
    usage,
  };
}

function abortIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new ToolbridgeClientError({ code: 'aborted', message: 'aborted', cause: signal.reason });
}

/** Builds the scripted transport. It keeps no server state, so the loop always replays history. */
export function createScriptedTransport({
  api,
  turns,
  onRequest,
}: ScriptedTransportOptions): ScriptedTransport {
  const requests: TurnRequest[] = [];
  return {
    api,
    keepsState: false,
    requests,
    async createTurn(request: TurnRequest, options: CreateTurnOptions = {}): Promise<TurnResult> {
      const index = requests.length;
      requests.push({ ...request, items: [...request.items] });
      onRequest?.(index);
      abortIfAborted(options.signal);
      await new Promise((resolve) => setTimeout(resolve, 0));
      abortIfAborted(options.signal);
      const turn = turns[index] ?? { text: 'done', calls: [] };
      const response = respond(turn, index);
      return {
        wireRequest: request as unknown as JsonObject,
        wireResponse: response as unknown as JsonObject,
        response,
        truncated: turn.truncated ?? false,
      };
    },
  };
}
