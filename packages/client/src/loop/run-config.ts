import type { CanonicalItem, CanonicalTool, CanonicalToolChoice, PriceTable } from '@toolbridge/core';
import type { ApproveHook } from '../execution/check-approval.js';
import type { Tool } from '../tools/tool.js';
import type { Transport, TurnRequest } from '../transport/transport.js';
import type { EventSink } from './event-sink.js';

/** The parts of every request that do not change between turns. */
export type BaseTurnRequest = Omit<TurnRequest, 'items' | 'previousResponseId' | 'toolChoice'>;

/** `runTools` options after validation, with every default applied. */
export interface RunConfig {
  transport: Transport;
  /** The tools the model may call this run, by name (the `allowedTools` subset when given). */
  tools: ReadonlyMap<string, Tool>;
  baseRequest: BaseTurnRequest & { tools: readonly CanonicalTool[] };
  toolChoice: CanonicalToolChoice | null;
  /** Set when `toolChoice` names one function: the loop runs it once and stops. */
  forcedToolName: string | null;
  initialItems: readonly CanonicalItem[];
  /** `auto` tries `previous_response_id` and falls back to replay. */
  state: 'auto' | 'server' | 'replay';
  maxTurns: number;
  /** 1 when calls must run one after another. */
  concurrency: number;
  toolTimeoutMs: number;
  toolSettleGraceMs: number;
  finalAnswerOnMaxTurns: boolean;
  throwOnAbort: boolean;
  invalidArgumentsInHistory: 'verbatim' | 'empty-object';
  prices: PriceTable;
  approve: ApproveHook | undefined;
  signal: AbortSignal;
  events: EventSink;
}
