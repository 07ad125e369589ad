import { type CanonicalRequest, type CanonicalTool, normalizeStrictSchema } from '@toolbridge/core';

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {}, required: [], additionalProperties: false };

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
      upstreamTools.push({ ...tool, strict });
      echoedStrict.push(strict);
      continue;
    }
    const normalized = normalizeStrictSchema(tool.parameters ?? EMPTY_OBJECT_SCHEMA);
    if (normalized.ok) {
      upstreamTools.push({ ...tool, parameters: normalized.schema, strict: true });
      echoedStrict.push(true);
    } else {
      upstreamTools.push({ ...tool, strict: false });
      echoedStrict.push(false);
    }
  }
  return { upstreamTools, echoedStrict };
}
