import { getOwn, isJsonObject } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';
import { renderValue } from './render-value.js';

/** What one wire item means for pairing. */
type PairingRole =
  | { kind: 'call'; callId: string }
  | { kind: 'output'; callId: string }
  | { kind: 'reference' }
  | { kind: 'other' };

function pairingRole(item: unknown): PairingRole {
  if (!isJsonObject(item)) return { kind: 'other' };
  const type = getOwn(item, 'type');
  const callId = getOwn(item, 'call_id');
  if (type === 'function_call' && typeof callId === 'string') return { kind: 'call', callId };
  if (type === 'function_call_output' && typeof callId === 'string') return { kind: 'output', callId };
  const isReference = type === 'item_reference' || (type === undefined && !Object.hasOwn(item, 'role'));
  return isReference ? { kind: 'reference' } : { kind: 'other' };
}

function itemId(item: unknown): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const id = getOwn(item, 'id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function inputIssue(code: string, message: string): ValidationIssue {
  return { code, path: ['input'], param: 'input', message, openaiCode: null };
}

/**
 * Responses pairing over the model's context, `prior` (items already in the `previous_response_id` chain,
 * inputs and outputs, wire form) then `input` (docs/protocol/responses.md#pairing-rules). Reported in this
 * order: E15, an item id repeated within `input` or already in `prior`; E14, an output with no earlier call
 * (skipped when `input` holds an item_reference not found in `prior`, which may stand for that call); E13, a
 * call with no later output. One issue per offending id.
 */
export function checkResponsesInputPairing(options: {
  prior: unknown[];
  input: unknown[];
}): ValidationIssue[] {
  const { prior, input } = options;
  return [...findDuplicateItems(prior, input), ...findUnpairedCalls(prior, input)];
}

function findDuplicateItems(prior: unknown[], input: unknown[]): ValidationIssue[] {
  const seen = new Set(prior.flatMap((item) => itemId(item) ?? []));
  const reported = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const item of input) {
    const id = itemId(item);
    if (id === undefined) continue;
    if (seen.has(id) && !reported.has(id)) {
      reported.add(id);
      const message = `Duplicate item found with id ${renderValue(id)}. Remove duplicate items from your input and try again.`;
      issues.push(inputIssue('duplicate_item', message));
    }
    seen.add(id);
  }
  return issues;
}

function findUnpairedCalls(prior: unknown[], input: unknown[]): ValidationIssue[] {
  const priorIds = new Set(prior.flatMap((item) => itemId(item) ?? []));
  const opaqueReference = input.some(
    (item) => pairingRole(item).kind === 'reference' && !priorIds.has(itemId(item) ?? ''),
  );
  const open = new Set<string>();
  const answered = new Set<string>();
  const orphans: ValidationIssue[] = [];
  for (const item of [...prior, ...input]) {
    const role = pairingRole(item);
    if (role.kind === 'call') open.add(role.callId);
    if (role.kind !== 'output') continue;
    if (open.has(role.callId)) {
      answered.add(role.callId);
    } else if (!opaqueReference) {
      const message = `No tool call found for function call output with call_id ${renderValue(role.callId)}.`;
      orphans.push(inputIssue('orphan_tool_output', message));
    }
  }
  const missing = [...open]
    .filter((callId) => !answered.has(callId))
    .map((callId) =>
      inputIssue('missing_tool_output', `No tool output found for function call ${renderValue(callId)}.`),
    );
  return [...orphans, ...missing];
}
