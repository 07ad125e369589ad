/**
 * Every behaviour-changing default of `@toolbridge/client`, in one place.
 * Options of `runTools` and `defineTool` fall back to these values.
 */
export const clientDefaults = {
  /** Model requests per run before the loop stops with `max-turns` (openai-node and agents-js use 10). */
  maxTurns: 10,
  /** Tool calls of one turn that run at the same time. */
  maxConcurrency: 4,
  /** Time one tool call may take before it gets a `timeout` result (per-tool `timeoutMs` wins). */
  toolTimeoutMs: 60_000,
  /**
   * How long to wait for a tool that was told to stop (timeout or abort) to settle before the loop
   * moves on and reports it as still running. Tools must honour their signal; this bounds the ones that do not.
   */
  toolSettleGraceMs: 1_000,
  /** When the loop hits `maxTurns`, make one last request with `tool_choice: 'none'` for a final answer. */
  finalAnswerOnMaxTurns: false,
  /** An aborted run resolves with `stoppedBy: 'aborted'`; `true` makes it reject instead. */
  throwOnAbort: false,
  /** Ask the server for streamed responses. */
  stream: false,
  /** Responses: continue with `previous_response_id`, falling back to replay when the server keeps no state. */
  state: 'auto',
  /**
   * `defineTool` without `strict`: non-strict, so any JSON Schema is accepted as written. Strict is
   * opt-in per tool (docs/adr/0008-tool-loop-rules.md, rule 9).
   */
  strictTools: false,
  /** Retries of the `openai` SDK for 408/409/429/5xx and connection errors (the SDK's own default). */
  maxRetries: 2,
  /**
   * What history keeps as the arguments of a call whose arguments were not valid JSON: the text as the
   * model sent it (`verbatim`; both OpenAI endpoints accept any string there) or `{}` for upstreams
   * that re-parse history (docs/adr/0008-tool-loop-rules.md, rule 4).
   */
  invalidArgumentsInHistory: 'verbatim',
} as const satisfies {
  maxTurns: number;
  maxConcurrency: number;
  toolTimeoutMs: number;
  toolSettleGraceMs: number;
  finalAnswerOnMaxTurns: boolean;
  throwOnAbort: boolean;
  stream: boolean;
  state: 'auto' | 'server' | 'replay';
  strictTools: boolean;
  maxRetries: number;
  invalidArgumentsInHistory: 'verbatim' | 'empty-object';
};
