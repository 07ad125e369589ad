import { ConfigError, StoreError } from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';

/** Where the gateway tried to listen, for the message. */
export interface ListenTarget {
  host: string;
  port: number;
}

function listenFix(code: string, { host, port }: ListenTarget): string | null {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another toolbridge or another server). Stop that process, or choose another port: --port ${port + 1}, or --port 0 for any free port.`;
    case 'EACCES':
      return `no permission to listen on ${host}:${port}${port < 1024 ? ' (ports below 1024 need root)' : ''}. Use a port from 1024 up, e.g. --port 8787.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `the host name ${host} does not resolve. Use an IP address (--host 127.0.0.1 or --host 0.0.0.0) or a name this machine knows.`;
    default:
      return null;
  }
}

/**
 * Turns a failure while starting the gateway into one `toolbridge:` line that says what to change,
 * exit code 2: configuration problems, a store that cannot be opened, and listen errors (busy port,
 * no permission, an address that is not ours, a host name that does not resolve). Anything else is a
 * bug and is rethrown as it is.
 */
export function describeStartFailure(error: unknown, target: ListenTarget): unknown {
  if (ConfigError.isInstance(error)) return new CliError(error.message, { exitCode: 2, cause: error });
  if (StoreError.isInstance(error)) {
    return new CliError(`cannot open the response store: ${error.message}`, { exitCode: 2, cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const fix = typeof code === 'string' ? listenFix(code, target) : null;
  return fix === null ? error : new CliError(fix, { exitCode: 2, cause: error });
}
