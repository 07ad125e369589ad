import { type PathSegment, renderParam, type ValidationIssue } from './issue.js';
import { renderValue } from './render-value.js';

/** A function name that `tool_choice` forces (`forced`) or lists in `allowed_tools` (`allowed`). */
export interface ToolReference {
  kind: 'forced' | 'allowed';
  name: string;
  path: PathSegment[];
}

/** Structural issues of `tool_choice`, plus the function names it refers to. */
export interface CheckedToolChoice {
  issues: ValidationIssue[];
  references: ToolReference[];
}

/**
 * Every function named by `tool_choice` must be defined in `tools`. A forced one fails with E10 on both
 * endpoints (docs/protocol/tool-choice.md#validation-errors; Chat's own text is UNCONFIRMED, so Responses' is
 * used); an `allowed_tools` entry gets a message of ours at the entry's path.
 */
export function checkToolReferences(
  references: ToolReference[],
  names: ReadonlySet<string>,
): ValidationIssue[] {
  return references.flatMap((reference): ValidationIssue[] => {
    if (names.has(reference.name)) return [];
    const name = renderValue(reference.name);
    if (reference.kind === 'forced') {
      const message = `Tool choice '${name}' not found in 'tools' parameter.`;
      return [{ code: 'tool_choice_not_found', path: ['tool_choice'], message, openaiCode: null }];
    }
    const message = `Invalid value for '${renderParam(reference.path)}': allowed tool '${name}' not found in 'tools' parameter. Define it in 'tools' or remove it from 'allowed_tools'.`;
    return [{ code: 'allowed_tool_not_found', path: reference.path, message, openaiCode: 'invalid_value' }];
  });
}
