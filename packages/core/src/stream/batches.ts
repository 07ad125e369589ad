/**
 * Batched streams. The gateway relays an upstream's events in the runs they arrive in: one network
 * read usually holds many SSE events (a whole answer, often), and passing each event through every
 * async stage costs a microtask hop per stage per event. The `…Batches` functions of this layer take
 * and yield arrays instead — one array per run, never empty — so a run crosses each stage once and
 * reaches the client in one socket write. The single-event functions are these, flattened.
 */

/** Wraps every value in a one-element batch (the single-event functions' adapter). */
export async function* singletonBatches<T>(values: AsyncIterable<T>): AsyncIterable<T[]> {
  for await (const value of values) yield [value];
}

/** Yields the values of each batch one by one. */
export async function* flattenBatches<T>(batches: AsyncIterable<readonly T[]>): AsyncIterable<T> {
  for await (const batch of batches) yield* batch;
}

/** Appends `items` to `target` without spreading (a spread of a long array can overflow the stack). */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
