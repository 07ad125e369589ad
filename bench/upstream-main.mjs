// Child process: the bench's upstreams, two in one process. `instant` answers each fixed transcript
// in one write from a minimal `node:net` responder (fast-upstream.mjs: cheap enough that the load
// core outruns every target); `paced` is the scripted upstream itself, waiting 2 ms between SSE chunks
// (S2p, sequential only). Prints one JSON line {"instant":port,"paced":port} on stdout once both listen.
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { startFastUpstream } from './fast-upstream.mjs';

const instant = await startFastUpstream({ chat: 'chat-json', responses: 'responses-sse' });
const paced = await startScriptedUpstream({
  fixed: { chat: 'chat-sse', responses: 'responses-sse', chunkDelayMs: 2 },
  record: false,
});
process.stdout.write(`${JSON.stringify({ instant: instant.port, paced: paced.port })}\n`);

const stop = async () => {
  await Promise.all([instant.close(), paced.close()]);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
