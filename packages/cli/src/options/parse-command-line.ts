import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { closestName } from './closest-name.js';
import { type CommandSpec, environmentName, type OptionSpec } from './option-spec.js';
import { resolveOptionValue } from './resolve-option-value.js';

/** A command line taken apart for one command: checked values by key, positionals, and `--help`. */
export interface ParsedCommandLine {
  help: boolean;
  values: Record<string, unknown>;
  positionals: string[];
}

/** Where a raw value came from: the flag as typed (`--port`) or the environment variable. */
interface RawValue {
  option: OptionSpec;
  raw: string | true;
  source: string;
}

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' };

function usageError(message: string): CliError {
  return new CliError(message, { exitCode: 2 });
}

/** `--jsn` for demo: a suggestion from this command's options, or the command the option belongs to. */
function unknownOption(rawName: string, command: CommandSpec, all: readonly CommandSpec[]): CliError {
  const name = rawName.replace(/^-+/, '');
  const more = `Run toolbridge ${command.name} --help for its options.`;
  const owners = all.filter((other) => other.options.some((option) => option.name === name));
  if (owners.length > 0) {
    const where = owners.map((owner) => owner.name).join(' and ');
    return usageError(`${command.name} has no option ${rawName} (that is an option of ${where}). ${more}`);
  }
  const guess = closestName(
    name,
    command.options.map((option) => option.name),
  );
  const hint = guess === undefined ? '' : ` Did you mean --${guess}?`;
  return usageError(`unknown option ${rawName} for ${command.name}.${hint} ${more}`);
}

function checkPositionals(command: CommandSpec, positionals: readonly string[]): void {
  const allowed = command.positionals;
  if (positionals.length > allowed.length) {
    const extra = positionals.slice(allowed.length).map((value) => `'${value}'`);
    const takes =
      allowed.length === 0
        ? 'takes no arguments'
        : `takes ${allowed.map((positional) => positional.name).join(' ')} only`;
    throw usageError(
      `${command.name} ${takes} (got ${extra.join(' ')}). Options start with --; run toolbridge ${command.name} --help.`,
    );
  }
  allowed.forEach((positional, index) => {
    if (positional.required && positionals[index] === undefined) {
      throw usageError(
        `${command.name} needs ${positional.name} (${positional.description}). See toolbridge ${command.name} --help.`,
      );
    }
  });
}

/** The flags as given: unknown names and missing or surplus values are refused here. */
function readTokens(
  command: CommandSpec,
  args: readonly string[],
  all: readonly CommandSpec[],
): { raw: Map<string, RawValue>; positionals: string[]; help: boolean } {
  const options = [...command.options, HELP];
  const byName = new Map(options.map((option) => [option.name, option]));
  const config = Object.fromEntries(
    options.map((option) => [
      option.name,
      { type: option.type, ...(option.short ? { short: option.short } : {}) },
    ]),
  );
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const raw = new Map<string, RawValue>();
  const positionals: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = byName.get(token.name);
    if (option === undefined) throw unknownOption(token.rawName, command, all);
    if (option === HELP) help = true;
    if (option.type === 'boolean') {
      if (token.value !== undefined)
        throw usageError(`${token.rawName} takes no value (got '${token.value}').`);
      raw.set(option.name, { option, raw: true, source: token.rawName });
      continue;
    }
    // Without strict mode parseArgs takes the next word as the value, even another flag.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
      throw usageError(`${token.rawName} needs a value: ${token.rawName} ${option.placeholder ?? 'VALUE'}.`);
    }
    raw.set(option.name, { option, raw: token.value, source: token.rawName });
  }
  return { raw, positionals, help };
}

/**
 * Parses `args` (what follows the command name) against the command's own option table: unknown
 * options get a "did you mean", values are checked (with the config file's schema where the option
 * names a config key), and a command with `environment` reads `TOOLBRIDGE_*` for options not given.
 * Precedence: flag, then environment; the config file and defaults come after, in the gateway.
 */
export function parseCommandLine(
  command: CommandSpec,
  args: readonly string[],
  context: { env: NodeJS.ProcessEnv; commands: readonly CommandSpec[] },
): ParsedCommandLine {
  const { raw, positionals, help } = readTokens(command, args, context.commands);
  if (help) return { help, values: {}, positionals };
  checkPositionals(command, positionals);
  if (command.environment) {
    for (const option of command.options) {
      const name = environmentName(option);
      const value = context.env[name];
      if (!raw.has(option.name) && value !== undefined && value !== '') {
        raw.set(option.name, { option, raw: option.type === 'boolean' ? true : value, source: name });
      }
    }
  }
  const values: Record<string, unknown> = {};
  for (const { option, raw: given, source } of raw.values()) {
    Object.assign(values, resolveOptionValue(option, given, source));
  }
  return { help, values, positionals };
}
