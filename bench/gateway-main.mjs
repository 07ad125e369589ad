// Child process: the toolbridge gateway from its built output (packages/gateway/dist), configured
// from the JSON file given as argv[2]; argv[3], when given, is a worker count (as `serve --workers`).
// Its pino access log goes to stdout (redirected by the harness); readiness is one JSON line
// {"port":N,"pids":[...]} on stderr, from the process the harness started (`pids`: the processes
// serving requests — this one, or the primary and its workers). SIGTERM closes cleanly, so
// --cpu-prof is written.
import { loadGatewayConfig, serveGateway } from '@toolbridge/gateway';

const [configPath, workersArg] = process.argv.slice(2);
if (!configPath) {
  process.stderr.write('usage: node gateway-main.mjs CONFIG.json [WORKERS]\n');
  process.exit(2);
}
const config = await loadGatewayConfig({ config: configPath });
const workers = workersArg === undefined ? null : Number(workersArg);
const running = await serveGateway({ config, workers });
// A worker (of a cluster) serves until the primary stops it; only the primary reports.
if (running !== null) {
  const pids = [...new Set([process.pid, ...running.workerPids()])];
  process.stderr.write(`${JSON.stringify({ port: running.port, pids })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', () => running.reload());
}
