/**
 * The scripted upstream: a deterministic test double of an OpenAI-compatible provider (not a model)
 * for end-to-end tests, `toolbridge demo` and the benchmark. See docs/scripted-upstream.md.
 */

export { CITED_SOURCE } from './chat-citations.js';
export { FIXED_ANTHROPIC_TOOL_USE_ID } from './fixed-provider-transcripts.js';
export {
  type ExpectedToolCall,
  FIXED_ARGUMENT_FRAGMENTS,
  FIXED_PARALLEL_TOOL_CALLS,
  FIXED_TEXT_ANSWER,
  FIXED_TOOL_CALL,
  FIXED_TRANSCRIPT_NAMES,
  type FixedTranscript,
  type FixedTranscriptName,
  fixedTranscript,
} from './fixed-transcripts.js';
export { CHAT_REASONING } from './handle-chat-completions.js';
export { NON_CONFORMING_MODES, type NonConformingMode } from './non-conforming-mode.js';
export type { RecordedRequest } from './recorded-request.js';
export type { ScriptedDirectives } from './scripted-directives.js';
export { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
export type {
  FixedModeOptions,
  ScriptedUpstream,
  ScriptedUpstreamOptions,
} from './scripted-upstream-options.js';
export { startScriptedUpstream } from './start-scripted-upstream.js';
