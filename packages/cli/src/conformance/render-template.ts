import { isJsonObject } from '@toolbridge/core';
import { pointerTokens, selectPointer } from './select-pointer.js';

/** What `{{…}}` can refer to: variables such as `model`, and the results of earlier steps by name. */
export interface TemplateScope {
  variables: ReadonlyMap<string, unknown>;
  /** Step results (docs/conformance.md#step-results) by step name. */
  steps: ReadonlyMap<string, unknown>;
}

/** A template that names nothing: the case cannot go on, and the report says which expression. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;
const ANY = /\{\{\s*([^{}]+?)\s*\}\}/g;
/** Upper bound of `$repeat`, so a corpus file cannot make the runner build a gigantic request. */
const MAX_REPEAT = 10_000;

function dottedTokens(path: string): string[] {
  return path.split(/\.|\[(\d+)\]/).filter((token): token is string => token !== undefined && token !== '');
}

function escapeToken(token: string): string {
  return `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function stepValue(scope: TemplateScope, expression: string): unknown {
  const colon = expression.indexOf(':');
  const dot = expression.search(/[.[]/);
  const pointerForm = colon !== -1 && (dot === -1 || colon < dot);
  const name = expression.slice(0, pointerForm ? colon : dot === -1 ? expression.length : dot);
  if (!scope.steps.has(name)) {
    throw new TemplateError(
      `{{${expression}}}: no step named '${name}' has run yet (known: ${[...scope.steps.keys()].join(', ') || 'none'}).`,
    );
  }
  const result = scope.steps.get(name);
  // `step.path` reads the step's response body (the common case); `step:/pointer` its whole result.
  const path = dottedTokens(dot === -1 ? '' : expression.slice(dot));
  const pointer = pointerForm ? expression.slice(colon + 1) : `/body${path.map(escapeToken).join('')}`;
  if (pointerTokens(pointer).includes('*'))
    throw new TemplateError(`{{${expression}}}: a template selects one value, so no "*".`);
  const selected = selectPointer(result, pointer);
  if (selected.length === 0)
    throw new TemplateError(`{{${expression}}}: step '${name}' has nothing at ${pointer}.`);
  return selected[0];
}

function lookup(expression: string, scope: TemplateScope): unknown {
  if (scope.variables.has(expression)) return scope.variables.get(expression);
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(expression) && !scope.steps.has(expression))
    throw new TemplateError(`{{${expression}}}: unknown variable.`);
  return stepValue(scope, expression);
}

function renderString(text: string, scope: TemplateScope): unknown {
  const whole = WHOLE.exec(text);
  if (whole !== null) return lookup(whole[1] as string, scope);
  return text.replace(ANY, (_match, expression: string) => {
    const value = lookup(expression, scope);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function renderMacro(
  value: Record<string, unknown>,
  scope: TemplateScope,
): { done: boolean; value?: unknown } {
  if (Object.hasOwn(value, '$repeat')) {
    const times = value['$repeat'];
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 0 || times > MAX_REPEAT)
      throw new TemplateError(`"$repeat" takes a whole number from 0 to ${MAX_REPEAT}.`);
    return {
      done: true,
      value: Array.from({ length: times }, (_, index) =>
        renderTemplate(value['value'], {
          ...scope,
          variables: new Map([...scope.variables, ['index', index]]),
        }),
      ),
    };
  }
  if (Object.hasOwn(value, '$concat')) {
    const parts = renderTemplate(value['$concat'], scope);
    if (!Array.isArray(parts)) throw new TemplateError('"$concat" takes an array of arrays.');
    return { done: true, value: parts.flatMap((part) => (Array.isArray(part) ? part : [part])) };
  }
  if (Object.hasOwn(value, '$json'))
    return { done: true, value: JSON.stringify(renderTemplate(value['$json'], scope)) };
  return { done: false };
}

/**
 * Renders a request or an expected value (docs/conformance.md#templates): `{{model}}`,
 * `{{step.output[0].call_id}}` (a step's body), `{{step:/headers/x-request-id}}` (its whole result),
 * and the macros `{"$repeat": N, "value": …}` (with `{{index}}`), `{"$concat": [[…], …]}` and
 * `{"$json": …}` (the value as a JSON string). A string that is one template keeps the value's type.
 */
export function renderTemplate(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return value.includes('{{') ? renderString(value, scope) : value;
  if (Array.isArray(value)) return value.map((entry) => renderTemplate(entry, scope));
  if (!isJsonObject(value)) return value;
  const macro = renderMacro(value, scope);
  if (macro.done) return macro.value;
  const rendered: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    // defineProperty, not assignment: a key named `__proto__` must stay an ordinary key.
    Object.defineProperty(rendered, key, {
      value: renderTemplate(entry, scope),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return rendered;
}
