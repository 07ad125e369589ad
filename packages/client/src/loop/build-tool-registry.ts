import type { Tool } from '../tools/tool.js';
import { invalidOptions } from './invalid-options.js';

/**
 * The tools by name, in a `Map` (a model may call `__proto__`). With `allowedTools`,
 * only those are executable; every name must be defined, and names must be unique.
 */
export function buildToolRegistry(
  tools: readonly Tool[],
  allowedTools: readonly string[] | undefined,
): { all: ReadonlyMap<string, Tool>; executable: ReadonlyMap<string, Tool> } {
  const all = new Map<string, Tool>();
  for (const tool of tools) {
    if (all.has(tool.name))
      throw invalidOptions(`Two tools are named ${JSON.stringify(tool.name)}; tool names must be unique.`);
    all.set(tool.name, tool);
  }
  if (allowedTools === undefined) return { all, executable: all };
  const executable = new Map<string, Tool>();
  for (const name of allowedTools) {
    const tool = all.get(name);
    if (tool === undefined) {
      throw invalidOptions(
        `allowedTools names ${JSON.stringify(name)}, which is not among tools; add it to tools or remove it.`,
      );
    }
    executable.set(name, tool);
  }
  return { all, executable };
}
