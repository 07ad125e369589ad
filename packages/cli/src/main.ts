import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { commands } from './commands/command-table.js';
import { renderCommandHelp, renderOverview } from './help/render-help.js';
import { closestName } from './options/closest-name.js';
import type { CommandSpec } from './options/option-spec.js';
import { parseCommandLine } from './options/parse-command-line.js';
import { createTerminal } from './output/terminal.js';

/** The version in the installed package.json (dist/ and src/ are both one level below it). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function findCommand(name: string): CommandSpec {
  const command = commands.find((candidate) => candidate.name === name);
  if (command !== undefined) return command;
  const guess = closestName(
    name,
    commands.map((candidate) => candidate.name),
  );
  throw new CliError(
    `Unknown command '${name}'.${guess === undefined ? '' : ` Did you mean ${guess}?`} Run toolbridge --help for the list.`,
    { exitCode: 2 },
  );
}

/** Options before the command: only --help and --version mean anything there. */
function globalOption(option: string, rest: readonly string[]): number {
  const out = createTerminal(process.stdout);
  if (option === '--version' || option === '-v') {
    out.line(`toolbridge ${packageVersion()}`);
    return 0;
  }
  if (option === '--help' || option === '-h') {
    out.line(rest[0] === undefined ? renderOverview(commands) : renderCommandHelp(findCommand(rest[0])));
    return 0;
  }
  throw new CliError(
    `unknown option ${option}. Options go after the command (toolbridge <command> ${option} …); run toolbridge --help.`,
    { exitCode: 2 },
  );
}

async function run(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stdout.write(`${renderOverview(commands)}\n`);
    return 2;
  }
  if (first.startsWith('-')) return globalOption(first, rest);
  if (first === 'help') return globalOption('--help', rest);
  const command = findCommand(first);
  const parsed = parseCommandLine(command, rest, { env: process.env, commands });
  const out = createTerminal(process.stdout);
  if (parsed.help) {
    out.line(renderCommandHelp(command));
    return 0;
  }
  return command.run({
    values: parsed.values,
    positionals: parsed.positionals,
    out,
    err: createTerminal(process.stderr),
    env: process.env,
  });
}

/** The CLI entry point: returns the process exit code; errors are printed as one clear line. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (CliError.isInstance(error)) {
      process.stderr.write(`toolbridge: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
