import { checkConfigValue } from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';
import { closestName } from './closest-name.js';
import { type OptionSpec, optionKey } from './option-spec.js';

/** The value as the user wrote it, quoted when it would not read as one word. */
function shown(raw: string): string {
  return raw === '' || /[\s'"]/.test(raw) ? JSON.stringify(raw) : raw;
}

function parsed(option: OptionSpec, raw: string): unknown {
  if (option.parse === 'integer') return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (option.parse === 'list') {
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return raw;
}

/**
 * One option's value, as `{ [key]: value }`: booleans are `true`, text is converted (`parse`) and
 * checked against the config key's schema or the option's `choices`. A bad value fails with exit
 * code 2 and says where it came from: `--port 99999: must be …` or `TOOLBRIDGE_PORT=99999: must be …`,
 * the same message the config file gets for `"port": 99999`.
 */
export function resolveOptionValue(
  option: OptionSpec,
  raw: string | true,
  source: string,
): Record<string, unknown> {
  const key = optionKey(option);
  if (raw === true) return { [key]: true };
  const where = source.startsWith('-') ? `${source} ${shown(raw)}` : `${source}=${shown(raw)}`;
  const value = parsed(option, raw);
  if (option.config !== undefined) {
    const check = checkConfigValue(option.config, value);
    if (!check.ok) throw new CliError(`${where}: ${check.message}.`, { exitCode: 2 });
    return { [key]: check.value };
  }
  if (option.choices !== undefined && !option.choices.includes(raw)) {
    const guess = closestName(raw, option.choices);
    throw new CliError(
      `${where}: must be one of ${option.choices.join(', ')}.${guess === undefined ? '' : ` Did you mean ${guess}?`}`,
      { exitCode: 2 },
    );
  }
  return { [key]: value };
}
