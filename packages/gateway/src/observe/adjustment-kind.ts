/**
 * A bounded kind for an `x-toolbridge-adjusted` note (the notes themselves name tools, so they cannot be
 * metric labels). The notes are written in `pipeline/` (docs/protocol/tool-choice.md).
 */
export function adjustmentKind(note: string): string {
  if (note.startsWith('repaired')) return 'repaired_call';
  if (note.startsWith('dropped an extra')) return 'dropped_parallel_call';
  if (note.startsWith('dropped')) return 'dropped_call';
  if (note.startsWith('re-asked')) return 'reasked_for_call';
  if (note.startsWith('allowed_tools')) return 'allowed_tools_emulated';
  if (note.startsWith('tool_choice')) return 'tool_choice_emulated';
  if (note.startsWith('parallel_tool_calls')) return 'parallel_calls_enforced';
  return 'other';
}
