import { type CommandSpec, environmentName, type OptionSpec } from '../options/option-spec.js';

const TAGLINE = 'toolbridge — function calling that just works, on any model, on both OpenAI API formats';

function flagText(option: OptionSpec): string {
  const long = `--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

function usageLine(command: CommandSpec): string {
  const positionals = command.positionals.map((positional) =>
    positional.required ? positional.name : `[${positional.name}]`,
  );
  return ['toolbridge', command.name, '[options]', ...positionals].join(' ');
}

/** Two columns, the first padded to its widest entry (at most 28 characters). */
function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.min(28, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows.map(([left, right]) =>
    left.length + 2 > width ? `  ${left}\n  ${' '.repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`,
  );
}

/** `toolbridge --help`: every command with its summary and examples. */
export function renderOverview(commands: readonly CommandSpec[]): string {
  const list = columns(
    commands.map((command) => [
      [command.name, ...command.positionals.map((positional) => positional.name)].join(' '),
      command.summary,
    ]),
  );
  const examples = commands.flatMap((command) => command.examples.map((example) => `  ${example}`));
  return [
    TAGLINE,
    '',
    'Usage: toolbridge <command> [options]',
    '',
    'Commands',
    ...list,
    '',
    'Examples',
    ...examples,
    '',
    "Run toolbridge <command> --help for that command's options.",
    'toolbridge --version prints the version.',
  ].join('\n');
}

/** `toolbridge <command> --help`: the command's own options, with their environment variables. */
export function renderCommandHelp(command: CommandSpec): string {
  const options = [
    ...command.options,
    { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' } as const,
  ];
  const rows = options.map((option): [string, string] => [
    flagText(option),
    command.environment && option.name !== 'help'
      ? `${option.description}  [${environmentName(option)}]`
      : option.description,
  ]);
  const positionals = columns(
    command.positionals.map((positional) => [positional.name, positional.description]),
  );
  return [
    `toolbridge ${command.name} — ${command.summary}`,
    '',
    `Usage: ${usageLine(command)}`,
    ...(positionals.length > 0 ? ['', 'Arguments', ...positionals] : []),
    '',
    'Options',
    ...columns(rows),
    ...(command.notes ?? []).flatMap((note) => ['', note]),
    '',
    'Examples',
    ...command.examples.map((example) => `  ${example}`),
  ].join('\n');
}
