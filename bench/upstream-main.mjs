// Child process: the scripted upstream in fixed-answer mode, two instances in one process:
// `instant` sends each transcript with one end(); `paced` waits 2 ms between SSE chunks (S2 paced
// variant). Prints one JSON line {"instant":port,"paced":port} on stdout once both listen.
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';

const instant = await startScriptedUpstream({
  fixed: { chat: 'chat-json', responses: 'responses-sse' },
  record: false,
});
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
