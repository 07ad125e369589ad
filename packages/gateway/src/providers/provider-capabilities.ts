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
  /**
   * A Responses upstream that returns reasoning state as `encrypted_content` when asked
   * (`include: ["reasoning.encrypted_content"]`) and, sent `store: false`, reads a reasoning item back
   * only from it (OpenAI refuses one it would have to look up). The gateway then asks for it and
   * replays reasoning items as that alone (docs/providers.md#openai-responses-upstreams). Absent means false.
   */
  encryptedReasoning?: boolean;
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
    encryptedReasoning: true,
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
  /**
   * Google Gemini `generateContent` (docs/protocol/gemini.md): no per-tool strict flag and no switch
   * for parallel calls (the gateway validates and keeps the first call); `allowedFunctionNames` and
   * the function-calling modes cover allowed_tools and tool_choice; usage comes with every stream.
   */
  gemini: {
    nativeStrict: false,
    nativeAllowedTools: true,
    parallelToolCallsSwitch: false,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
  'llama.cpp': {
    nativeStrict: false,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: true,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
  /**
   * Anthropic Messages (docs/protocol/anthropic.md): per-tool `strict`, `disable_parallel_tool_use`,
   * auto/any/tool/none choices; no subset form of `allowed_tools` (the gateway filters `tools`).
   * `streamUsage` only says usage is always in the stream (message_start / message_delta).
   */
  anthropic: {
    nativeStrict: true,
    nativeAllowedTools: false,
    parallelToolCallsSwitch: true,
    nativeToolChoice: true,
    stateful: false,
    streamUsage: true,
  },
} as const satisfies Record<string, ProviderCapabilities>;

export type ProviderKind = keyof typeof capabilityPresets;
