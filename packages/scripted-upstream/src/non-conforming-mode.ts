import type { ScriptedDirectives } from './scripted-directives.js';

/**
 * Server-wide ways the scripted upstream can break the protocol on purpose, so a conformance
 * scorecard can be shown to fail (docs/scripted-upstream.md#non-conforming-modes):
 * - `ignore-tool-choice`: answers as if `tool_choice` were `auto` (like Ollama);
 * - `split-ids`: a streamed call's id arrives in two pieces (Chat) / the added item's `call_id` is cut short (Responses);
 * - `drop-strict`: `strict` is ignored: nullable keys are left out of arguments, tools echo `strict: false`.
 */
export type NonConformingMode = 'ignore-tool-choice' | 'split-ids' | 'drop-strict';

/** Every mode, in the order the docs list them. */
export const NON_CONFORMING_MODES: readonly NonConformingMode[] = [
  'ignore-tool-choice',
  'split-ids',
  'drop-strict',
];

const DIRECTIVE_OF = new Map<NonConformingMode, 'ignoreToolChoice' | 'splitIds' | 'dropStrict'>([
  ['ignore-tool-choice', 'ignoreToolChoice'],
  ['split-ids', 'splitIds'],
  ['drop-strict', 'dropStrict'],
]);

/**
 * The server-wide directives with the modes switched on. Each mode is the directive of the same
 * name applied to every request, so `#split-ids` in one prompt and `nonConforming: ['split-ids']`
 * behave alike. Throws on an unknown mode: a typo must not silently give a conforming server.
 */
export function applyNonConforming(
  directives: Readonly<ScriptedDirectives>,
  modes: readonly string[],
): ScriptedDirectives {
  const result: ScriptedDirectives = { ...directives };
  for (const mode of modes) {
    const key = DIRECTIVE_OF.get(mode as NonConformingMode);
    if (key === undefined) {
      throw new TypeError(
        `Unknown non-conforming mode '${mode}'; known modes: ${NON_CONFORMING_MODES.join(', ')}.`,
      );
    }
    result[key] = true;
  }
  return result;
}
