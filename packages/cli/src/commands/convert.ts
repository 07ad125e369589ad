import { CliError } from '../cli-error.js';
import type { Terminal } from '../output/terminal.js';
import { readJsonFile } from '../read-json-file.js';
import { readToolEntry, writeTool } from '../tool-shapes.js';

export interface ConvertOptions {
  file: string;
  to: string | undefined;
  out: Terminal;
  err: Terminal;
}

/**
 * `toolbridge convert --to chat|responses FILE`: tool definitions between the nested Chat shape and the flat
 * Responses shape (pitfall 1 of docs/protocol/guide.md#pitfalls). A tool already in the target shape passes
 * unchanged.
 */
export async function convertCommand({ file, to, out, err }: ConvertOptions): Promise<number> {
  if (to !== 'chat' && to !== 'responses')
    throw new CliError('convert needs --to chat or --to responses.', { exitCode: 2 });
  const value = await readJsonFile(file);
  const isArray = Array.isArray(value);
  const list: unknown[] = isArray ? value : [value];
  const converted = list.map((item, index) => {
    const entry = readToolEntry(item, isArray ? `[${index}]` : file);
    if (entry.shape === 'schema') {
      throw new CliError(
        `${isArray ? `[${index}]` : file} is a bare schema, not a tool: wrap it as a tool with a name first.`,
        { exitCode: 2 },
      );
    }
    if (entry.shape !== to && entry.tool.strict === null) {
      err.line(
        `note: '${entry.tool.name}' sets no "strict": Chat Completions then runs it non-strict, Responses normalizes it to strict when it can. Add "strict" to keep one meaning.`,
      );
    }
    return writeTool(entry.tool, to);
  });
  out.line(JSON.stringify(isArray ? converted : converted[0], null, 2));
  return 0;
}
