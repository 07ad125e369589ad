import { CliError } from '../cli-error.js';
import type { CommandSpec } from '../options/option-spec.js';
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
export async function runConvert({ file, to, out, err }: ConvertOptions): Promise<number> {
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

/** `toolbridge convert`: tool definitions between the Chat and Responses shapes. */
export const convertCommand: CommandSpec = {
  name: 'convert',
  summary: 'Convert tool definitions between Chat (nested) and Responses (flat) shapes',
  positionals: [{ name: 'FILE', required: true, description: 'a JSON file, or - for stdin' }],
  options: [
    {
      name: 'to',
      type: 'string',
      placeholder: 'SHAPE',
      choices: ['chat', 'responses'],
      description: 'Target shape: chat | responses (required)',
    },
  ],
  examples: ['npx toolbridge convert --to responses chat-tools.json'],
  run: ({ values, positionals, out, err }) =>
    runConvert({
      file: positionals[0] ?? '-',
      to: typeof values['to'] === 'string' ? values['to'] : undefined,
      out,
      err,
    }),
};
