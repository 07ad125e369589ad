import type { OptionSpec } from '../options/option-spec.js';

/**
 * The options of `toolbridge serve`, each also settable as `TOOLBRIDGE_<NAME>` (the command has
 * `environment`). The `key` (default: the name in camelCase) is the field of the gateway's
 * `ServeFlags`; `config` names the config-file key whose schema checks the value. A new serve flag is
 * one more entry here plus its `ServeFlags` field (CONTRIBUTING.md#adding-a-command-or-a-flag).
 */
export const serveOptions: readonly OptionSpec[] = [
  {
    name: 'port',
    type: 'string',
    placeholder: 'N',
    parse: 'integer',
    config: 'port',
    description: 'Port (default 8787; 0 = any free port)',
  },
  {
    name: 'host',
    type: 'string',
    placeholder: 'HOST',
    config: 'host',
    description: 'Interface (default 127.0.0.1; 0.0.0.0 for every interface)',
  },
  {
    name: 'upstream',
    type: 'string',
    placeholder: 'URL',
    config: 'provider.baseUrl',
    description: 'Upstream base URL, e.g. https://api.openai.com/v1',
  },
  {
    name: 'upstream-api',
    type: 'string',
    placeholder: 'API',
    config: 'provider.api',
    description: 'The format the upstream speaks: chat | responses | anthropic | gemini',
  },
  {
    name: 'upstream-key-env',
    type: 'string',
    placeholder: 'VAR',
    config: 'provider.apiKeyEnv',
    description:
      'Environment variable with the upstream key (default OPENAI_API_KEY when set; ANTHROPIC_API_KEY or GEMINI_API_KEY for those APIs)',
  },
  {
    name: 'upstream-kind',
    type: 'string',
    placeholder: 'KIND',
    config: 'provider.kind',
    description:
      'Capability preset: openai | openai-compatible | vllm | ollama | llama.cpp | anthropic | gemini',
  },
  {
    name: 'store',
    type: 'string',
    placeholder: 'LOCATION',
    config: 'store',
    description: 'SQLite file (default ./.toolbridge/toolbridge.db), :memory:, or postgres://…',
  },
  {
    name: 'retention',
    type: 'string',
    placeholder: 'DAYS',
    key: 'retentionDays',
    parse: 'integer',
    config: 'retentionDays',
    description: 'Delete stored responses older than DAYS (default 30; 0 = keep forever)',
  },
  {
    name: 'config',
    type: 'string',
    placeholder: 'FILE',
    description: 'JSON config file: several providers, routing, enforcement (docs/configuration.md)',
  },
  {
    name: 'log-level',
    type: 'string',
    placeholder: 'LEVEL',
    config: 'logLevel',
    description: 'fatal | error | warn | info (default) | debug | trace | silent',
  },
  {
    name: 'log-format',
    type: 'string',
    placeholder: 'FORMAT',
    config: 'logFormat',
    description: 'json (default, one object per line) | pretty (for a terminal)',
  },
  {
    name: 'max-body-bytes',
    type: 'string',
    placeholder: 'N',
    parse: 'integer',
    config: 'maxBodyBytes',
    description: 'Largest request body in bytes (default 20 MiB)',
  },
  {
    name: 'headers-timeout',
    type: 'string',
    placeholder: 'MS',
    key: 'headersTimeoutMs',
    parse: 'integer',
    config: 'server.headersTimeoutMs',
    description: 'Close a connection whose request headers are not complete in time (default 30000)',
  },
  {
    name: 'request-timeout',
    type: 'string',
    placeholder: 'MS',
    key: 'requestTimeoutMs',
    parse: 'integer',
    config: 'server.requestTimeoutMs',
    description: 'Close a connection whose whole request (body included) has not arrived (default 120000)',
  },
  {
    name: 'keep-alive-timeout',
    type: 'string',
    placeholder: 'MS',
    key: 'keepAliveTimeoutMs',
    parse: 'integer',
    config: 'server.keepAliveTimeoutMs',
    description: 'Close an idle keep-alive connection (default 65000)',
  },
  {
    name: 'max-connections',
    type: 'string',
    placeholder: 'N',
    parse: 'integer',
    config: 'server.maxConnections',
    description: 'Open client connections; one more gets 503 (default 512)',
  },
  {
    name: 'max-buffered-bytes',
    type: 'string',
    placeholder: 'N',
    key: 'maxBufferedBodyBytes',
    parse: 'integer',
    config: 'server.maxBufferedBodyBytes',
    description: 'Request-body bytes held across all requests being read; past it 503 (default 100 MiB)',
  },
  {
    name: 'allowed-hosts',
    type: 'string',
    placeholder: 'LIST',
    parse: 'list',
    config: 'allowedHosts',
    description:
      'Host names to answer to, comma-separated; * = any (default: the loopback names on loopback)',
  },
  {
    name: 'cors-origins',
    type: 'string',
    placeholder: 'LIST',
    parse: 'list',
    config: 'cors.origins',
    description: 'Browser origins allowed to call the gateway (CORS), comma-separated (default none)',
  },
  {
    name: 'workers',
    type: 'string',
    placeholder: 'N|auto',
    description:
      'N processes sharing the port, the store and the limits (auto = one per core); SIGHUP replaces them one at a time',
  },
  {
    name: 'record',
    type: 'string',
    placeholder: 'DIR',
    description: 'Write every upstream exchange to DIR as a cassette (docs/cassettes.md)',
  },
  {
    name: 'replay',
    type: 'string',
    placeholder: 'DIR',
    description: 'Answer from the cassettes in DIR only; upstreams are never called',
  },
  {
    name: 'replay-timing',
    type: 'string',
    placeholder: 'real|fast',
    choices: ['real', 'fast'],
    description: 'Replay streams at the recorded pace or as fast as the client reads (default fast)',
  },
  {
    name: 'redact',
    type: 'string',
    placeholder: 'FIELDS',
    parse: 'list',
    description: 'Fields removed from cassettes (key names or /json/pointers), comma-separated',
  },
];
