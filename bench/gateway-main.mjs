// Child process: the toolbridge gateway from its built output (packages/gateway/dist), configured
// from the JSON file given as argv[2]. Its pino access log goes to stdout (redirected by the harness);
// readiness is one JSON line {"port":N} on stderr. SIGTERM closes cleanly, so --cpu-prof is written.
import { loadGatewayConfig, startGateway } from '@toolbridge/gateway';

const configPath = process.argv[2];
if (!configPath) {
  process.stderr.write('usage: node gateway-main.mjs CONFIG.json\n');
  process.exit(2);
}
const config = await loadGatewayConfig({ config: configPath });
const running = await startGateway({ config });
process.stderr.write(`${JSON.stringify({ port: running.port })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.close({ graceMs: 500 });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
