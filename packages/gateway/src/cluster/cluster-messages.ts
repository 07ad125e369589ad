/** What a worker tells the primary: it listens on `port`. */
export interface ListeningMessage {
  type: 'toolbridge:listening';
  port: number;
}

/** What the primary tells a worker: stop taking connections, finish in-flight requests, exit. */
export interface ShutdownMessage {
  type: 'toolbridge:shutdown';
}

/** Environment variable with the port the primary wants every later worker on (port 0 resolved once). */
export const CLUSTER_PORT_ENV = 'TOOLBRIDGE_CLUSTER_PORT';

/** True for a message of the given type from the other side (messages are untrusted shapes). */
export function isMessage<T extends { type: string }>(value: unknown, type: T['type']): value is T {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}
