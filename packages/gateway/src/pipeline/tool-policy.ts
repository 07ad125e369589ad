import type { ArgumentValidator, CanonicalRequest, CanonicalTool } from '@toolbridge/core';

/**
 * What the client's request allows the model to return this turn. The gateway checks every upstream
 * answer against it, whatever the upstream honoured natively (issue "Gateway" — enforcement).
 */
export interface ToolPolicy {
  /** Tools by name (a Map: `__proto__` is a valid tool name). */
  tools: Map<string, CanonicalTool>;
  /** Validators of the strict tools' arguments. */
  validators: Map<string, ArgumentValidator>;
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

/** Derives the policy of a canonical request whose tools already have their `strict` resolved. */
export function buildToolPolicy(
  request: CanonicalRequest,
  compile: (schema: Record<string, unknown>) => ArgumentValidator,
): ToolPolicy {
  const tools = new Map<string, CanonicalTool>();
  const validators = new Map<string, ArgumentValidator>();
  for (const tool of request.tools) {
    tools.set(tool.name, tool);
    if (tool.strict === true)
      validators.set(tool.name, compile(tool.parameters ?? { type: 'object', properties: {} }));
  }
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
    validators,
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
