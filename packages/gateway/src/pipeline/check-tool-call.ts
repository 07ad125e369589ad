import type { ToolPolicy } from './tool-policy.js';

function nameList(names: Iterable<string>): string {
  const list = [...names].map((name) => `'${name}'`);
  return list.length > 0 ? list.join(', ') : '(none)';
}

/**
 * Checks one complete call against the request's policy. Returns `null` when the call may go to the
 * client, else a reason written for the model (it is sent back to it when the gateway re-asks).
 */
export function checkToolCall(call: { name: string; arguments: string }, policy: ToolPolicy): string | null {
  if (!policy.allowedNames.has(call.name)) {
    if (policy.tools.has(call.name)) {
      return `The function '${call.name}' may not be called in this turn; call one of: ${nameList(policy.allowedNames)}.`;
    }
    return `There is no function named '${call.name}'. Available functions: ${nameList(policy.allowedNames)}.`;
  }
  const validator = policy.validatorFor(call.name);
  if (!validator) return null;
  const result = validator.validate(call.arguments);
  return result.ok ? null : result.message;
}
