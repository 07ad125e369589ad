import { gatewayDefaults } from '../defaults.js';
import type { Logger } from '../logging/create-logger.js';
import type { AccessStore } from '../storage/access-store.js';

/**
 * Deletes finished rate windows now and then, so the table holds about two minutes per busy key.
 * Every instance may run it: deleting the same old rows twice is harmless. The timer never keeps
 * the process alive.
 */
export function sweepRateWindows(store: AccessStore, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    const before = Math.floor(Date.now() / 1000) - gatewayDefaults.limits.keepRateWindowsSeconds;
    store.deleteRateWindowsBefore(before).catch((error: unknown) => {
      logger.warn({ err: error }, 'old rate windows not deleted');
    });
  }, gatewayDefaults.limits.sweepIntervalMs);
  timer.unref();
  return timer;
}
