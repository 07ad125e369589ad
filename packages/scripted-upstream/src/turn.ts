/** One function call the scripted upstream decided to make. */
export interface PlannedCall {
  /** `call_…`: the id clients pair results with. */
  callId: string;
  /** `fc_…`: the Responses output item id. */
  itemId: string;
  name: string;
  /** The exact argument string sent (may be deliberately invalid). */
  arguments: string;
}

/** The assistant turn the scripted upstream answers with, before it is rendered in a wire format. */
export type Turn =
  | { kind: 'text'; text: string; finishReason: 'stop' | 'length' }
  | { kind: 'calls'; calls: PlannedCall[]; finishReason: 'tool_calls' | 'stop' | 'length' };
