import type { GatewayObserver } from './gateway-observer.js';

/**
 * Wraps a store so every async method call is timed and reported as a store operation (metric
 * `toolbridge_store_operation_duration_seconds`). A Proxy rather than a class per interface: the
 * store's interfaces grow (chat completions, projects) and the wrapper needs no change for that.
 * Methods run on the real store (`this` is the target), so private fields keep working; the wrapped
 * functions are made once per method name, not per call. Objects under the store (sub-stores such as
 * `chatCompletions`) are wrapped the same way, with their name as a prefix.
 */
export function observeStore<T extends object>(store: T, observer: GatewayObserver, prefix = ''): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || property === 'close' || property === 'then') return value;
      const known = wrapped.get(property);
      if (known !== undefined) return known;
      let made: unknown = value;
      if (typeof value === 'function')
        made = timed(target, value as (...args: unknown[]) => unknown, `${prefix}${property}`, observer);
      else if (typeof value === 'object' && value !== null)
        made = observeStore(value, observer, `${property}.`);
      else return value;
      wrapped.set(property, made);
      return made;
    },
  });
}

function timed(
  target: object,
  method: (...args: unknown[]) => unknown,
  operation: string,
  observer: GatewayObserver,
): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const startedAt = performance.now();
    const report = (ok: boolean): void =>
      observer.onStoreOp({ operation, durationMs: performance.now() - startedAt, ok });
    let result: unknown;
    try {
      result = Reflect.apply(method, target, args);
    } catch (error) {
      report(false);
      throw error;
    }
    if (!(result instanceof Promise)) {
      report(true);
      return result;
    }
    return result.then(
      (value: unknown) => {
        report(true);
        return value;
      },
      (error: unknown) => {
        report(false);
        throw error;
      },
    );
  };
}
