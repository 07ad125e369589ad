// Closed-loop load with wrk (C, Debian's `wrk` package): one thread on the load core, a Lua script
// per route. A plain route is a static request (wrk builds it once: the cheapest generator there is
// here; S4t's bodies are built once each and sent in turn); the Responses pair (S3) is dynamic — a turn 1 answer's id is queued and the next request on
// whichever connection frees up is its follow-up, so turns stay paired one to one.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasTaskset } from './processes.mjs';

const MARK = 'WRKJSON ';
const PLACEHOLDER = 'resp_WRK_PLACEHOLDER';

/** wrk's version line, or null when it is not installed. */
export function wrkVersion() {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (probe.error) return null;
  return /wrk\s+(\S+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1] ?? 'unknown';
}

/** A Lua long string that cannot be closed early by its content. */
function luaString(text) {
  let level = 0;
  while (text.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  // A long string drops a newline right after the opening bracket: keep a leading one.
  return `[${eq}[${text.startsWith('\n') ? '\n' : ''}${text}]${eq}]`;
}

function luaHeaders(headers) {
  return Object.entries(headers)
    .map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(String(value))}`)
    .join('\n');
}

const DONE = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${MARK}{"durationUs":%d,"requests":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f}\\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;

/** The Lua script for `route`: a static request, or the dynamic turn 1 / follow-up pair. */
function luaScript(route) {
  if (route.bodies !== undefined) {
    // Several bodies (S4t): each request is the next one, in order, round and round; built once each.
    return `wrk.method = "POST"
${luaHeaders(route.headers)}
local path = ${luaString(route.path)}
local bodies = { ${route.bodies.map(luaString).join(',\n')} }
local requests, next = {}, 0
function request()
  next = next % #bodies + 1
  requests[next] = requests[next] or wrk.format("POST", path, nil, bodies[next])
  return requests[next]
end
${DONE}`;
  }
  if (route.turn1 === undefined) {
    return `wrk.method = "POST"\nwrk.path = ${luaString(route.path)}\nwrk.body = ${luaString(route.body)}\n${luaHeaders(route.headers)}\n${DONE}`;
  }
  const [before, after] = route.turn2(PLACEHOLDER).body.split(PLACEHOLDER);
  return `wrk.method = "POST"
${luaHeaders(route.turn1.headers)}
local path = ${luaString(route.turn1.path)}
local first = nil
local before, after = ${luaString(before)}, ${luaString(after)}
local ids, queued = {}, 0
function request()
  if queued > 0 then
    local id = ids[queued]
    ids[queued] = nil
    queued = queued - 1
    return wrk.format("POST", path, nil, before .. id .. after)
  end
  first = first or wrk.format("POST", path, nil, ${luaString(route.turn1.body)})
  return first
end
-- Only a turn 1 answer starts a pair: its Response has no previous_response_id.
function response(status, headers, body)
  if status == 200 and body:find('"previous_response_id":null', 1, true) then
    local id = body:match('"id":"(resp_[^"]+)"')
    if id then
      queued = queued + 1
      ids[queued] = id
    end
  end
end
${DONE}`;
}

const scripts = new WeakMap();

function scriptFor(route, workDir) {
  let path = scripts.get(route);
  if (path === undefined) {
    path = join(workDir, `wrk-${Math.random().toString(36).slice(2)}.lua`);
    writeFileSync(path, luaScript(route));
    scripts.set(route, path);
  }
  return path;
}

/**
 * Runs wrk for `durationS` (whole seconds, at least 1) with `connections` on one thread, pinned to
 * `core`. Resolves with the run's figures: 2xx count, latency percentiles in ms, errors, and the pid
 * (for CPU accounting after it exits).
 */
export function runWrk({ port, route, connections, durationS, core, workDir }) {
  const script = scriptFor(route, workDir);
  const seconds = Math.max(1, Math.round(durationS));
  const url = `http://127.0.0.1:${route.port ?? port}${route.turn1 === undefined ? route.path : '/'}`;
  const args = [
    '-t',
    '1',
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    url,
  ];
  const child = spawn(
    hasTaskset ? 'taskset' : 'wrk',
    hasTaskset ? ['-c', String(core), 'wrk', ...args] : args,
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith(MARK));
      if (code !== 0 || line === undefined) {
        reject(new Error(`wrk exited with ${code}: ${stderr.slice(-500)} ${stdout.slice(-500)}`));
        return;
      }
      const raw = JSON.parse(line.slice(MARK.length));
      // wrk counts every completed response in `requests` and those with a status above 399 in `status`.
      const ok = raw.requests - raw.status;
      resolve({
        duration: raw.durationUs / 1e6,
        ok,
        non2xx: raw.status,
        errors: raw.connect + raw.read + raw.write,
        timeouts: raw.timeout,
        latency: {
          p50: raw.p50Us / 1000,
          p90: raw.p90Us / 1000,
          p99: raw.p99Us / 1000,
          max: raw.maxUs / 1000,
          mean: raw.meanUs / 1000,
        },
        pids: [child.pid],
      });
    });
  });
}
