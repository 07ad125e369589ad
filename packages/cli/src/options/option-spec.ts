import type { ConfigValueKey } from '@toolbridge/gateway';
import type { Terminal } from '../output/terminal.js';

/**
 * One command-line option of one command. Adding a flag is adding one of these to its command's
 * table (CONTRIBUTING.md#adding-a-command-or-a-flag): parsing, checking, the environment variable,
 * "did you mean" and `--help` all follow from it.
 */
export interface OptionSpec {
  /** The long name without dashes, kebab-case: `port` is `--port`. */
  name: string;
  /** One letter for `-x`; keep these rare. */
  short?: string;
  /** `boolean` options take no value; `string` ones take exactly one. */
  type: 'string' | 'boolean';
  /** What the value looks like in `--help`: `N`, `URL`, `FILE`. */
  placeholder?: string;
  /** One line for `--help`: what it does and its default. */
  description: string;
  /** The property the command reads the value from; default: the name in camelCase. */
  key?: string;
  /** Turns the text into the value the check expects: a number, or a comma-separated list. */
  parse?: 'integer' | 'list';
  /**
   * The config-file key whose schema checks the value, so a bad flag, a bad environment variable and
   * a bad config key get the same message (gateway `checkConfigValue`).
   */
  config?: ConfigValueKey;
  /** Allowed values, for options no config key covers. */
  choices?: readonly string[];
}

/** A command's parsed and checked options (by `key`) and its positional arguments. */
export interface CommandInput {
  values: Readonly<Record<string, unknown>>;
  positionals: readonly string[];
  out: Terminal;
  err: Terminal;
  env: NodeJS.ProcessEnv;
}

/**
 * One `toolbridge` command. Adding a command is writing one of these and listing it in
 * `commands/command-table.ts`; `main.ts` needs no change.
 */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments, in order, for `--help` and the "takes no arguments" check. */
  positionals: readonly { name: string; required: boolean; description: string }[];
  options: readonly OptionSpec[];
  /**
   * Whether every option can also come from `TOOLBRIDGE_<NAME>` (upper case, `-` → `_`); a flag beats
   * its variable. For `serve`, which runs in containers configured by environment.
   */
  environment?: boolean;
  /** Full command lines, shown by `--help` and `toolbridge --help`. */
  examples: readonly string[];
  /** Extra paragraphs for `--help`. */
  notes?: readonly string[];
  run(input: CommandInput): Promise<number>;
}

/** The environment variable that mirrors `option` of a command with `environment`. */
export function environmentName(option: OptionSpec): string {
  return `TOOLBRIDGE_${option.name.toUpperCase().replaceAll('-', '_')}`;
}

/** The property an option's value is stored under. */
export function optionKey(option: OptionSpec): string {
  return option.key ?? option.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
