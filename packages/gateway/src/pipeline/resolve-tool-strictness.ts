import {
  type CanonicalRequest,
  type CanonicalTool,
  type JsonObject,
  normalizeStrictSchema,
} from '@toolbridge/core';

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {}, required: [], additionalProperties: false };
const CACHE_LIMIT = 512;

/** Normalization results by schema text: clients resend the same tools on every turn. */
const normalizedByText = new Map<string, JsonObject | null>();

function normalizeCached(parameters: JsonObject): JsonObject | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(parameters);
  } catch {
    text = undefined;
  }
  if (text !== undefined && normalizedByText.has(text)) return normalizedByText.get(text) ?? null;
  const result = normalizeStrictSchema(parameters);
  const normalized = result.ok ? result.schema : null;
  if (text !== undefined) {
    // Bounded: drop the oldest entry (Map iterates in insertion order).
    if (normalizedByText.size >= CACHE_LIMIT)
      normalizedByText.delete(normalizedByText.keys().next().value as string);
    normalizedByText.set(text, normalized);
  }
  return normalized;
}

/**
 * Resolves every tool's `strict` to a boolean the way each endpoint defines an omitted value
 * (spec §1.6): Chat → false; Responses → strict with the schema normalized when it can be, else
 * non-strict (never rejected). Returns the tools to send upstream and the ones to echo.
 */
export function resolveToolStrictness(
  request: CanonicalRequest,
  endpoint: 'chat' | 'responses',
): { upstreamTools: CanonicalTool[]; echoedStrict: boolean[] } {
  const upstreamTools: CanonicalTool[] = [];
  const echoedStrict: boolean[] = [];
  for (const tool of request.tools) {
    if (tool.strict !== null || endpoint === 'chat') {
      const strict = tool.strict ?? false;
      upstreamTools.push(tool.strict === strict ? tool : { ...tool, strict });
      echoedStrict.push(strict);
      continue;
    }
    const normalized = normalizeCached(tool.parameters ?? EMPTY_OBJECT_SCHEMA);
    upstreamTools.push(
      normalized ? { ...tool, parameters: normalized, strict: true } : { ...tool, strict: false },
    );
    echoedStrict.push(normalized !== null);
  }
  return { upstreamTools, echoedStrict };
}
