/**
 * What an upstream does natively (CONTRIBUTING.md, Adding a provider). Shared code reads these
 * flags and emulates what is missing; it never branches on a provider's name or kind.
 */
export interface ProviderCapabilities {
  /** Enforces `strict: true` schemas while decoding. The gateway still validates every strict call. */
  nativeStrict: boolean;
  /** Understands `tool_choice: {type: "allowed_tools", …}`. Otherwise the gateway filters `tools`. */
  nativeAllowedTools: boolean;
  /** Honours `parallel_tool_calls: false`. Otherwise the gateway keeps the first call. */
  parallelToolCallsSwitch: boolean;
  /** Honours `tool_choice` "required" / "none" / a named function. Otherwise the gateway narrows `tools`. */
  nativeToolChoice: boolean;
  /** Keeps Responses state. The gateway replays full history either way; informational. */
  stateful: boolean;
  /** Accepts `stream_options: {include_usage: true}` on Chat streams. */
  streamUsage: boolean;
  /**
   * Serves `POST /responses/compact` and reads its own `compaction` items back. Otherwise the gateway
   * compacts by a summarising turn on the model (docs/open-responses.md#compaction). Absent means false.
   */
  nativeCompaction?: boolean;
}

/** Provider presets. `kind` only selects a preset here; nothing else reads it. */
export const capabilityPresets = {
  openai: {
    nativeStrict: true,
    nativeAllowedTools: true,
    parallelToolCallsSwitch: true,
    nativeToolChoice: true,
    stateful: true,
    streamUsage: true,
    nativeCompaction: true,
  },
  'openai-compatible': {
    nativeStrict: false,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: false,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
  vllm: {
    nativeStrict: false,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: true,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
  ollama: {
    nativeStrict: false,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: false,
    nativeToolChoice: false,
    stateful: false,
    streamUsage: false,
  },
  'llama.cpp': {
    nativeStrict: false,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: true,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
} as const satisfies Record<string, ProviderCapabilities>;

export type ProviderKind = keyof typeof capabilityPresets;
