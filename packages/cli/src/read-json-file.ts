import { readFile } from 'node:fs/promises';
import { safeParseJson } from '@toolbridge/core';
import { CliError } from './cli-error.js';

/** Reads a JSON file (`-` for stdin), with a message that names the file when it cannot. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, { exitCode: 2, cause: error });
  }
  const parsed = safeParseJson(text);
  if (!parsed.success)
    throw new CliError(`${path} is not valid JSON: ${parsed.error.message}`, { exitCode: 2 });
  return parsed.value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
