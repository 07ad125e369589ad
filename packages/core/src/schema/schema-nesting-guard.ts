/**
 * How many schema levels (any keyword: properties, items, anyOf, $defs…) the checker and the
 * normalizer descend before giving up. It is not an OpenAI rule (§7.4 depth is checked separately)
 * but keeps a hostile, deeply nested schema from overflowing the stack; legitimate schemas stay far
 * below it because the §7.4 depth limit is 10. Candidate for `coreDefaults` when the lead merges.
 */
export const maxSchemaNesting = 128;
