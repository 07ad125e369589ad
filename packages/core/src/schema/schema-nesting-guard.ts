/**
 * How many schema levels (any keyword: properties, items, anyOf, $defs…) the checker and the
 * normalizer descend before giving up. It is not an OpenAI rule (the strict depth limit is checked
 * separately, docs/protocol/strict-mode.md#size-limits) but keeps a hostile, deeply nested schema from
 * overflowing the stack; legitimate schemas stay far below it because the strict depth limit is 10.
 */
export const maxSchemaNesting = 128;
