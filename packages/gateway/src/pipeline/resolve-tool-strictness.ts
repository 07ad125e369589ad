import {
  type CanonicalRequest,
  type CanonicalTool,
  findUnsupportedPattern,
  type JsonObject,
  memoByShared,
  normalizeStrictSchema,
  withFields,
} from '@toolbridge/core';

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {}, required: [], additionalProperties: false };

/**
 * The strict form of a schema, or null when it has none (core caches rewrites by schema text) or when a
 * `pattern` in it could not be checked in linear time (docs/protocol/strict-mode.md#patterns).
 */
function normalized(parameters: JsonObject): JsonObject | null {
  const result = normalizeStrictSchema(parameters);
  if (!result.ok || findUnsupportedPattern(result.schema) !== undefined) return null;
  return result.schema;
}

/** What `resolveToolStrictness` returns. */
interface ResolvedTools {
  upstreamTools: CanonicalTool[];
  echoedStrict: boolean[];
}

function resolve(tools: readonly CanonicalTool[], endpoint: 'chat' | 'responses'): ResolvedTools {
  const upstreamTools: CanonicalTool[] = [];
  const echoedStrict: boolean[] = [];
  for (const tool of tools) {
    if (tool.strict !== null || endpoint === 'chat') {
      const strict = tool.strict ?? false;
      upstreamTools.push(tool.strict === strict ? tool : withFields(tool, { strict }));
      echoedStrict.push(strict);
      continue;
    }
    const schema = normalized(tool.parameters ?? EMPTY_OBJECT_SCHEMA);
    upstreamTools.push(
      schema ? withFields(tool, { parameters: schema, strict: true }) : withFields(tool, { strict: false }),
    );
    echoedStrict.push(schema !== null);
  }
  return { upstreamTools, echoedStrict };
}

/** Per endpoint; a tool set the gateway keeps (docs/adr/0011-tool-set-cache.md) resolves once. */
const resolvers = {
  chat: memoByShared((tools: readonly CanonicalTool[]) => resolve(tools, 'chat')),
  responses: memoByShared((tools: readonly CanonicalTool[]) => resolve(tools, 'responses')),
};

/**
 * Resolves every tool's `strict` to a boolean the way each endpoint defines an omitted value
 * (docs/protocol/tools.md#strict-default): Chat → false; Responses → strict with the schema normalized when
 * it can be, else non-strict (never rejected). Returns the tools to send upstream and the ones to echo.
 */
export function resolveToolStrictness(
  request: CanonicalRequest,
  endpoint: 'chat' | 'responses',
): ResolvedTools {
  return resolvers[endpoint](request.tools);
}
