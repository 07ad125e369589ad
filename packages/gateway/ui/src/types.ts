/** Shapes of the gateway's `/ui/api/*` answers (see the gateway's `routes/ui-data.ts`). */

export interface TrafficEntry {
  kind: 'response' | 'chat.completion';
  id: string;
  /** The project that owns it: the viewer lists every project. */
  projectId: string;
  createdAt: number;
  model: string | null;
  provider: string | null;
  status: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  previousResponseId: string | null;
  adjustments: number;
  repairs: number;
}

export interface TrafficPage {
  data: TrafficEntry[];
  has_more: boolean;
  next_before: string | null;
}

export interface Repair {
  toolName: string;
  callId: string;
  repairedCallId: string | null;
  originalArguments: string;
  repairedArguments: string | null;
  reason: string;
  outcome: 'repaired' | 'failed';
}

export interface Trace {
  provider: string | null;
  upstreamModel: string | null;
  latencyMs: number | null;
  ttfbMs: number | null;
  costUsd: number | null;
  adjustments: string[];
  repairs: Repair[];
  upstreamAttempts: number;
}

/** Any JSON object (items, messages) read defensively: the viewer shows what was stored. */
export type Json = Record<string, unknown>;

export interface ResponseTurn {
  id: string;
  createdAt: number;
  previousResponseId: string | null;
  input: Json[];
  response: Json;
  trace: Trace;
}

export interface ResponseConversation {
  kind: 'response';
  id: string;
  turns: ResponseTurn[];
}

export interface ChatConversation {
  kind: 'chat.completion';
  id: string;
  createdAt: number;
  model: string;
  messages: Json[];
  completion: Json;
  metadata: Record<string, string> | null;
  trace: Trace;
}
