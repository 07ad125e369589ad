import WebSocket from 'ws';

/** The server messages of one `response.create` turn on a WebSocket (docs/open-responses.md#websocket-mode). */
export interface WebSocketTurn {
  events: Array<Record<string, unknown>>;
  /** The Response of the terminal event, when the turn got that far. */
  final: Record<string, unknown> | undefined;
  /** The WebSocket error envelope that ended the turn before it started, if any. */
  error:
    | { status: number; error: { code: string; message: string; param: string | null; type?: string } }
    | undefined;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/** True for the message that ends a turn: a terminal response event, or an error envelope (no sequence number). */
function endsTurn(message: Record<string, unknown>): boolean {
  return (
    TERMINAL.has(String(message['type'])) || (message['type'] === 'error' && !('sequence_number' in message))
  );
}

/** A test client connection: send `response.create` bodies, read each turn's messages in order. */
export class WebSocketClient {
  readonly socket: WebSocket;
  readonly #pending: Array<Record<string, unknown>> = [];
  #wake: (() => void) | undefined;
  #closed = false;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      this.#pending.push(JSON.parse(String(data)) as Record<string, unknown>);
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  /** Opens `ws(s)://…/v1/responses` for an SDK base URL (`http://host:port/v1`). */
  static async open(baseURL: string, headers: Record<string, string> = {}): Promise<WebSocketClient> {
    const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/responses`, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
    });
    return new WebSocketClient(socket);
  }

  /** Sends one message (a `response.create` body, or anything a test wants the server to see). */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Reads messages up to the end of the next turn. */
  async nextTurn(timeoutMs = 15_000): Promise<WebSocketTurn> {
    const events: Array<Record<string, unknown>> = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.#pending.shift();
      if (message !== undefined) {
        events.push(message);
        if (endsTurn(message)) return turnOf(events);
        continue;
      }
      if (this.#closed) return turnOf(events);
      if (Date.now() > deadline) throw new Error(`no end of turn within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 100);
      });
      this.#wake = undefined;
    }
  }

  /** Sends one body and reads its turn. */
  async run(body: Record<string, unknown>): Promise<WebSocketTurn> {
    this.send({ type: 'response.create', ...body });
    return this.nextTurn();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }
}

function turnOf(events: Array<Record<string, unknown>>): WebSocketTurn {
  const last = events.at(-1);
  const final =
    last !== undefined && TERMINAL.has(String(last['type']))
      ? (last['response'] as Record<string, unknown>)
      : undefined;
  const error =
    last !== undefined && last['type'] === 'error' && !('sequence_number' in last)
      ? (last as unknown as WebSocketTurn['error'])
      : undefined;
  return { events, final, error };
}
