/**
 * Validation issues, zod-shaped `{ code, path, message }` (CONTRIBUTING.md, Errors), plus what the OpenAI
 * envelope needs when its `param`/`code` differ from what the path and code would give.
 */

export type PathSegment = string | number;

export interface ValidationIssue {
  /** Our stable machine code, e.g. `missing_required_parameter`, `unanswered_tool_calls`. */
  code: string;
  path: PathSegment[];
  /** The full message, OpenAI's exact text first, then any hint of ours. */
  message: string;
  /** Envelope `param` when it is not `renderParam(path)` (e.g. `messages.[6].role`, `input`). */
  param?: string | null;
  /** Envelope `code` when it is not `code` (OpenAI sends `null` for the pairing errors). */
  openaiCode?: string | null;
  /** HTTP status; 400 unless said otherwise. */
  status?: number;
  /** Envelope `type`; `invalid_request_error` unless said otherwise. */
  type?: string;
}

/** Renders a path the way OpenAI renders `param`: `tools[0].function.name`. */
export function renderParam(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
