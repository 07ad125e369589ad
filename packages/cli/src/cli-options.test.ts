import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, runCli, startServe } from './cli-process.case.js';

// Each command takes its own options (docs: README "Command line"): the real CLI as a child process.
const UPSTREAM = ['--upstream', 'http://127.0.0.1:9/v1', '--upstream-api', 'chat', '--store', ':memory:'];

/** The one `toolbridge:` line a usage error prints. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^toolbridge: /);
  return lines[0] ?? '';
}

describe('unknown options and stray arguments', () => {
  it.each([
    [['demo', '--jsn'], 'unknown option --jsn for demo. Did you mean --json?'],
    [['serve', '--prot', '8080'], 'Did you mean --port?'],
    [['serve', '--fix'], 'serve has no option --fix (that is an option of check-schema)'],
    [
      ['check-schema', '--port', '1', 'x.json'],
      'check-schema has no option --port (that is an option of serve)',
    ],
    [['serv'], "Unknown command 'serv'. Did you mean serve?"],
    [['serve', 'now'], "serve takes no arguments (got 'now')"],
    [['convert', '--to', 'chat', 'a.json', 'b.json'], "convert takes FILE only (got 'b.json')"],
    [['serve', '--port'], '--port needs a value: --port N.'],
    [['serve', '--port', '--host', 'x'], '--port needs a value'],
    [['demo', '--json=yes'], "--json takes no value (got 'yes')"],
    [['demo', '--api', 'bothh'], '--api bothh: must be one of chat, responses, both. Did you mean both?'],
    [['--port', '8080', 'serve'], 'Options go after the command'],
  ])('toolbridge %j → exit 2: %s', async (args, message) => {
    const { code, stderr, stdout } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toContain(message);
  });
});

describe('values are checked like the config file checks them', () => {
  it.each([
    [['--port', '99999'], '--port 99999', 'port', 99999, 'must be a whole number from 0 to 65535'],
    [['--port', 'eighty'], '--port eighty', 'port', 'eighty', 'must be a whole number from 0 to 65535'],
    [['--host', '999.1.1.1'], '--host 999.1.1.1', 'host', '999.1.1.1', 'must be an IP address'],
    [
      ['--max-body-bytes', '0'],
      '--max-body-bytes 0',
      'maxBodyBytes',
      0,
      'must be a whole number of bytes, at least 1',
    ],
    [['--log-level', 'loud'], '--log-level loud', 'logLevel', 'loud', 'must be one of fatal, error, warn'],
    [['--retention', '-1'], '--retention -1', 'retentionDays', -1, 'must be a whole number of days'],
    [['--log-format', 'xml'], '--log-format xml', 'logFormat', 'xml', 'must be json or pretty'],
  ])(
    'serve %j and "%s" in the config file get the same message',
    async (flags, shown, key, value, message) => {
      const flag = await runCli(['serve', ...UPSTREAM, ...flags]);
      expect(flag.code).toBe(2);
      const line = oneLine(flag.stderr);
      expect(line).toContain(`${shown}: ${message}`);
      const file = join(tmpdir(), `toolbridge-bad-${key}-${process.pid}.json`);
      await writeFile(file, JSON.stringify({ [key]: value, providers: {} }));
      const config = await runCli(['serve', '--config', file]);
      expect(config.code).toBe(2);
      const configMessage = /- \w+: (.*)$/m.exec(config.stderr)?.[1];
      expect(line.endsWith(`${configMessage}.`)).toBe(true);
    },
  );

  it('an upstream that is not a URL is refused, with the URL rule', async () => {
    const { code, stderr } = await runCli(['serve', '--upstream', 'notaurl', '--upstream-api', 'chat']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toBe(
      'toolbridge: --upstream notaurl: must be an http:// or https:// URL, for example https://api.openai.com/v1.',
    );
  });

  it('an environment variable is checked the same way and named in the message', async () => {
    const { code, stderr } = await runCli(['serve', ...UPSTREAM], { TOOLBRIDGE_PORT: '70000' });
    expect(code).toBe(2);
    expect(oneLine(stderr)).toContain('TOOLBRIDGE_PORT=70000: must be a whole number from 0 to 65535');
  });
});

describe('environment variables mirror the serve flags', () => {
  it('serve starts from TOOLBRIDGE_* alone; a flag beats its variable, which beats the config file', async () => {
    const [fromFile, fromEnv] = [await freePort(), await freePort()];
    const file = join(tmpdir(), `toolbridge-precedence-${process.pid}.json`);
    await writeFile(file, JSON.stringify({ port: fromFile, logLevel: 'silent', providers: {} }));
    const env = {
      TOOLBRIDGE_UPSTREAM: 'http://127.0.0.1:9/v1',
      TOOLBRIDGE_UPSTREAM_API: 'chat',
      TOOLBRIDGE_STORE: ':memory:',
      TOOLBRIDGE_CONFIG: file,
    };
    const fileOnly = await startServe([], env);
    expect(new URL(fileOnly.url).port).toBe(String(fromFile));
    expect(await fileOnly.stop()).toBe(0);
    const envOverFile = await startServe([], { ...env, TOOLBRIDGE_PORT: String(fromEnv) });
    expect(new URL(envOverFile.url).port).toBe(String(fromEnv));
    expect((await fetch(`${envOverFile.url}/health`)).status).toBe(200);
    expect(await envOverFile.stop()).toBe(0);
    const flagOverEnv = await startServe(['--port', '0'], { ...env, TOOLBRIDGE_PORT: String(fromEnv) });
    expect(new URL(flagOverEnv.url).port).not.toBe(String(fromEnv));
    expect(await flagOverEnv.stop()).toBe(0);
  });
});

describe('start-up failures are one line with the fix, exit 2', () => {
  it('a busy port', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
    try {
      const { code, stderr } = await runCli(['serve', ...UPSTREAM, '--port', String(port)]);
      expect(code).toBe(2);
      expect(oneLine(stderr)).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('--port 0');
    } finally {
      busy.close();
    }
  });

  it('a host name that does not resolve', async () => {
    const { code, stderr } = await runCli([
      'serve',
      ...UPSTREAM,
      '--port',
      '0',
      '--host',
      'no-such-host.invalid',
    ]);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toContain('the host name no-such-host.invalid does not resolve');
  });

  it('an address that is not this machine’s', async () => {
    const { code, stderr } = await runCli(['serve', ...UPSTREAM, '--port', '0', '--host', '192.0.2.1']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toContain('192.0.2.1 is not an address of this machine');
  });
});

describe('toolbridge <command> --help', () => {
  it("prints that command's own options, with their environment variables for serve", async () => {
    const serve = await runCli(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toContain('Usage: toolbridge serve [options]');
    for (const flag of [
      '--port N',
      '--host HOST',
      '--retention DAYS',
      '--log-format FORMAT',
      'TOOLBRIDGE_PORT',
    ])
      expect(serve.stdout).toContain(flag);
    expect(serve.stdout).not.toContain('--verbose');
    const demo = await runCli(['demo', '-h']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('--verbose');
    expect(demo.stdout).not.toContain('--port');
    const viaHelp = await runCli(['help', 'convert']);
    expect(viaHelp.stdout).toContain('--to SHAPE');
  });
});
