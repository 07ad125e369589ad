import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import type { RunCallbacks } from './run-tools-options.js';

/**
 * The run's callbacks, wrapped so that one that throws cannot break a step halfway (a call left
 * without a result). The first failure is kept and thrown by `throwIfFailed` at the next step boundary.
 */
export class EventSink {
  readonly #callbacks: RunCallbacks;
  #failure: ToolbridgeClientError | undefined;

  constructor(callbacks: RunCallbacks) {
    this.#callbacks = callbacks;
  }

  /** Calls the named callback with `event`, if it is set; never throws. */
  emit<Name extends keyof RunCallbacks>(
    name: Name,
    event: Parameters<NonNullable<RunCallbacks[Name]>>[0],
  ): void {
    const callback = this.#callbacks[name] as ((value: typeof event) => void) | undefined;
    if (callback === undefined) return;
    try {
      callback(event);
    } catch (error) {
      this.#failure ??= new ToolbridgeClientError({
        code: 'callback_failed',
        message: `The ${name} callback threw: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
  }

  throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}
