import {
  type ArgumentValidator,
  type CanonicalRequest,
  type CanonicalTool,
  memoByShared,
} from '@toolbridge/core';

/**
 * What the client's request allows the model to return this turn. The gateway checks every upstream
 * answer against it, whatever the upstream honoured natively (docs/adr/0004-enforcement-by-repair.md).
 */
export interface ToolPolicy {
  /** Tools by name (a Map: `__proto__` is a valid tool name). */
  tools: ReadonlyMap<string, CanonicalTool>;
  /** Names of the strict tools: their calls are held and validated. */
  strictNames: ReadonlySet<string>;
  /**
   * The argument validator of a strict tool, compiled on first use: a request may declare 50 tools
   * and call one, and even a cache hit costs a schema serialization.
   */
  validatorFor(name: string): ArgumentValidator | undefined;
  /** Names the model may call this turn: the allowed_tools subset, or every tool. */
  allowedNames: Set<string>;
  /** `tool_choice` is "required", allowed_tools mode "required", or a named function. */
  requireCall: boolean;
  /** The function `tool_choice` names, if any. */
  forcedName: string | null;
  /** `tool_choice: "none"`. */
  forbidCalls: boolean;
  /** `parallel_tool_calls: false`: at most one call per turn. */
  singleCall: boolean;
}

/** The tools by name and the strict ones' names; once per tool set the gateway keeps (`memoByShared`). */
const indexTools = memoByShared((list: readonly CanonicalTool[]) => {
  const tools = new Map<string, CanonicalTool>();
  const strictNames = new Set<string>();
  for (const tool of list) {
    tools.set(tool.name, tool);
    if (tool.strict === true) strictNames.add(tool.name);
  }
  return {
    tools: tools as ReadonlyMap<string, CanonicalTool>,
    strictNames: strictNames as ReadonlySet<string>,
  };
});

/** Derives the policy of a canonical request whose tools already have their `strict` resolved. */
export function buildToolPolicy(
  request: CanonicalRequest,
  compile: (schema: Record<string, unknown>) => ArgumentValidator,
): ToolPolicy {
  const { tools, strictNames } = indexTools(request.tools);
  const compiled = new Map<string, ArgumentValidator>();
  const validatorFor = (name: string): ArgumentValidator | undefined => {
    if (!strictNames.has(name)) return undefined;
    let validator = compiled.get(name);
    if (validator === undefined) {
      validator = compile(tools.get(name)?.parameters ?? { type: 'object', properties: {} });
      compiled.set(name, validator);
    }
    return validator;
  };
  const choice = request.toolChoice;
  const allowedNames = new Set(
    choice?.type === 'allowed_tools' ? choice.names.filter((name) => tools.has(name)) : tools.keys(),
  );
  if (choice?.type === 'function') {
    allowedNames.clear();
    allowedNames.add(choice.name);
  }
  return {
    tools,
    strictNames,
    validatorFor,
    allowedNames,
    requireCall:
      choice?.type === 'required' ||
      choice?.type === 'function' ||
      (choice?.type === 'allowed_tools' && choice.mode === 'required'),
    forcedName: choice?.type === 'function' ? choice.name : null,
    forbidCalls: choice?.type === 'none',
    singleCall: request.parallelToolCalls === false,
  };
}
