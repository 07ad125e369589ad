import type { CanonicalPassthrough, JsonObject } from '../items/canonical.js';

/** The wire fields of each Responses item and part shape that the canonical model has a place for. */
export const interpretedFields = {
  message: new Set(['type', 'id', 'role', 'content', 'status']),
  // `provider_state` has a canonical place too (`providerState`, provider-state-fields.ts).
  functionCall: new Set(['type', 'id', 'call_id', 'name', 'arguments', 'status', 'provider_state']),
  functionCallOutput: new Set(['type', 'id', 'call_id', 'output', 'status']),
  textPart: new Set(['type', 'text']),
  refusalPart: new Set(['type', 'refusal']),
} as const;

/** Part fields whose empty value every encoder writes anyway: carrying `[]` along would change nothing. */
const EMPTY_BY_DEFAULT = new Set(['annotations', 'logprobs']);

function isDefault(key: string, value: unknown): boolean {
  return value === undefined || (EMPTY_BY_DEFAULT.has(key) && Array.isArray(value) && value.length === 0);
}

/**
 * The fields of a wire item or part that the canonical model does not interpret, to carry verbatim
 * (docs/open-responses.md#nothing-lost); `undefined` when there are none, so canonical values stay lean.
 */
export function passthroughOf(
  record: JsonObject,
  interpreted: ReadonlySet<string>,
): CanonicalPassthrough | undefined {
  let rest: CanonicalPassthrough | undefined;
  for (const key of Object.keys(record)) {
    if (interpreted.has(key) || isDefault(key, record[key])) continue;
    rest ??= {};
    rest[key] = record[key];
  }
  return rest;
}

/** `{ passthrough }` when there is any, else `{}`: spread into a canonical value. */
export function withPassthrough(passthrough: CanonicalPassthrough | undefined): {
  passthrough?: CanonicalPassthrough;
} {
  return passthrough === undefined ? {} : { passthrough };
}
