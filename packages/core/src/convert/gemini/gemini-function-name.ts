/**
 * Tool names between OpenAI and Gemini. OpenAI allows `[A-Za-z0-9_-]` with any first character;
 * Gemini wants a letter or underscore first. The mapping is a bijection that needs no per-request
 * state (the decoder never sees the request): a name that starts with underscores followed by a
 * digit or dash gets one more leading underscore, and the reverse removes one. `2fa_check` →
 * `_2fa_check`, `_2x` → `__2x`; every other name is unchanged (docs/protocol/gemini.md, "Tools").
 */
const NEEDS_ESCAPE = /^_*[0-9-]/;
const ESCAPED = /^_+[0-9-]/;

/** The client's tool name → the name declared to Gemini. */
export function toGeminiFunctionName(name: string): string {
  return NEEDS_ESCAPE.test(name) ? `_${name}` : name;
}

/** A name Gemini returned → the client's tool name. */
export function fromGeminiFunctionName(name: string): string {
  return ESCAPED.test(name) ? name.slice(1) : name;
}
