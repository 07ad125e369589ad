import { freezeShared, isShared, type ResponseObject, type ResponsesRequest } from '@toolbridge/core';

function echo(request: ResponsesRequest, strict: readonly boolean[]): ResponseObject['tools'] {
  return (request.tools ?? []).map((tool, index) => ({
    ...tool,
    description: tool.description ?? null,
    parameters: tool.parameters ?? null,
    strict: strict[index] ?? false,
  }));
}

/** Echoed tools per kept tool set and its resolved strictness (both shared): built once, then shared. */
const echoedBySet = new WeakMap<object, WeakMap<object, ResponseObject['tools']>>();

/**
 * The tools a Response echoes (docs/protocol/tools.md#responses-flat-tools). For a tool set the gateway
 * keeps (docs/adr/0011-tool-set-cache.md) they are built once and shared, so every event and stored
 * Response that echoes them writes their kept text (`stringifyWithShared`) instead of serialising them.
 */
export function echoedTools(request: ResponsesRequest, strict: readonly boolean[]): ResponseObject['tools'] {
  const tools = request.tools;
  if (tools === undefined || !isShared(tools) || !isShared(strict)) return echo(request, strict);
  let byStrict = echoedBySet.get(tools);
  if (byStrict === undefined) {
    byStrict = new WeakMap();
    echoedBySet.set(tools, byStrict);
  }
  let echoed = byStrict.get(strict);
  if (echoed === undefined) {
    echoed = freezeShared(echo(request, strict));
    byStrict.set(strict, echoed);
  }
  return echoed;
}
