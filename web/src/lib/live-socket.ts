/**
 * The client end of socket.io's protocol (engine.io 4 packets over one WebSocket, socket.io 5
 * packets in them, default namespace), reduced to what `Connection` uses: events both ways,
 * acknowledgements, binary attachments from the server, the handshake's `auth`, heartbeats and
 * reconnection with socket.io's backoff. socket.io-client with engine.io-client is 12.8 KB
 * gzip on every page that talks to the server, mostly for what we never use (long-polling and
 * its upgrade, WebTransport, several namespaces on one connection, binary sent from the client).
 * The server is socket.io's own; this speaks its wire format.
 */

/** What a handler receives; the typed facade (`LiveSocket<S, C>`) narrows it per event. */
type Handler = (...args: never[]) => void;
type Ack = (...args: unknown[]) => void;

export interface LiveSocketOptions {
  auth: unknown;
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
  /** ws:// or wss:// base; the page's own host by default. */
  url?: string;
  /** The WebSocket to use: the browser's by default (tests pass `ws`'s). */
  WebSocket?: new (url: string) => WebSocket;
  /** Called each time a transport opens, before the namespace handshake. */
  onOpen?: () => void;
}

/** Why the connection ended, as socket.io-client names it. */
export type DisconnectReason =
  'io server disconnect' | 'io client disconnect' | 'transport close' | 'ping timeout';

interface Reserved {
  connect: () => void;
  connect_error: (error: Error & { data?: unknown }) => void;
  disconnect: (reason: DisconnectReason) => void;
}

type EventsOf<T> = { [K in keyof T]: T[K] extends (...args: never[]) => void ? T[K] : never };
type Params<F> = F extends (...args: infer P) => unknown ? P : never;
/** An event's arguments without its trailing acknowledgement callback. */
type Payload<F> = Params<F> extends [...infer P, (...a: never[]) => void] ? P : Params<F>;
type AckValue<F> = Params<F> extends [...unknown[], (value: infer V) => void] ? V : never;

const PATH = '/socket.io/?EIO=4&transport=websocket';
// engine.io packet types (first character of a text frame) and socket.io's within a message.
const EIO = { open: '0', close: '1', ping: '2', pong: '3', message: '4' } as const;
const SIO = { connect: 0, disconnect: 1, event: 2, ack: 3, error: 4, binEvent: 5, binAck: 6 };

/** Replaces socket.io's `{ _placeholder: true, num }` markers with the frames that followed. */
function fillPlaceholders(value: unknown, buffers: ArrayBuffer[]): unknown {
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, buffers));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o._placeholder === true && typeof o.num === 'number') return buffers[o.num];
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fillPlaceholders(v, buffers)]));
  }
  return value;
}

interface Decoded {
  type: number;
  attachments: number;
  id: number | null;
  data: unknown;
}

/** Parses one socket.io packet (what follows engine.io's "4"), default namespace only. */
export function decodePacket(text: string): Decoded {
  const type = Number(text[0]);
  const m = /^(\d+-)?(\/[^,]*,)?(\d+)?/.exec(text.slice(1))!;
  const rest = text.slice(1 + m[0].length);
  return {
    type,
    attachments: m[1] ? parseInt(m[1], 10) : 0,
    id: m[3] === undefined ? null : Number(m[3]),
    data: rest ? (JSON.parse(rest) as unknown) : undefined,
  };
}

/**
 * One socket.io connection over WebSocket only. Typed like socket.io-client's `Socket<S, C>`:
 * `S` the events the server sends, `C` those the client sends (a trailing function is the ack).
 */
export class LiveSocket<S, C> {
  connected = false;
  #active = false;
  #ws: WebSocket | null = null;
  readonly #opts: LiveSocketOptions;
  readonly #handlers = new Map<string, Handler[]>();
  readonly #acks = new Map<number, { fn: Ack; withError: boolean }>();
  #nextAck = 0;
  /** Sent while not connected: flushed once the server has accepted the handshake. */
  #buffer: string[] = [];
  #attempts = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setTimeout> | undefined;
  #deadline = Infinity;
  /** A binary event waiting for its attachments. */
  #partial: { packet: Decoded; buffers: ArrayBuffer[] } | null = null;
  readonly #offline = () => this.#lost('transport close');

  constructor(opts: LiveSocketOptions) {
    this.#opts = opts;
  }

  /** Whether it is connected or trying to be (false after a refusal or a disconnect). */
  get active(): boolean {
    return this.#active;
  }

  on<K extends keyof EventsOf<S> | keyof Reserved>(
    event: K,
    handler: K extends keyof Reserved ? Reserved[K] : EventsOf<S>[K & keyof S],
  ): this {
    const list = this.#handlers.get(event as string) ?? [];
    this.#handlers.set(event as string, [...list, handler as Handler]);
    return this;
  }

  connect(): this {
    if (this.#active) return this;
    this.#active = true;
    this.#attempts = 0;
    globalThis.addEventListener?.('offline', this.#offline);
    this.#open();
    return this;
  }

  disconnect(): this {
    const was = this.connected;
    if (was) this.#send(`${EIO.message}${SIO.disconnect}`);
    this.#stop();
    if (was) this.#fire('disconnect', 'io client disconnect');
    return this;
  }

  emit<K extends keyof EventsOf<C>>(event: K, ...args: Params<EventsOf<C>[K]>): this {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as Ack) : undefined;
    this.#emit(event as string, ack ? args.slice(0, -1) : args, ack, false);
    return this;
  }

  /** socket.io-client's `socket.timeout(ms).emitWithAck(...)`. */
  timeout(ms: number) {
    return {
      emitWithAck: <K extends keyof EventsOf<C>>(
        event: K,
        ...args: Payload<EventsOf<C>[K]>
      ): Promise<AckValue<EventsOf<C>[K]>> =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            this.#acks.delete(id);
            reject(new Error('operation has timed out'));
          }, ms);
          const id = this.#emit(
            event as string,
            args,
            (error, value) => {
              clearTimeout(timer);
              if (error) reject(error as Error);
              else resolve(value as AckValue<EventsOf<C>[K]>);
            },
            true,
          );
        }),
    };
  }

  #emit(event: string, args: unknown[], ack: Ack | undefined, withError: boolean): number {
    const id = this.#nextAck++;
    if (ack) this.#acks.set(id, { fn: ack, withError });
    const text = `${EIO.message}${SIO.event}${ack ? id : ''}${JSON.stringify([event, ...args])}`;
    if (this.connected && this.#alive()) this.#send(text);
    else this.#buffer.push(text);
    return id;
  }

  #fire(event: string, ...args: unknown[]): void {
    for (const h of this.#handlers.get(event) ?? []) (h as Ack)(...args);
  }

  #send(text: string): void {
    if (this.#ws?.readyState === 1) this.#ws.send(text);
  }

  /** A heartbeat missed while timers slept (a laptop lid closed): treat the socket as lost. */
  #alive(): boolean {
    if (Date.now() <= this.#deadline) return true;
    this.#lost('ping timeout');
    return false;
  }

  #open(): void {
    const Ws = this.#opts.WebSocket ?? globalThis.WebSocket;
    const base =
      this.#opts.url ??
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`.replace(/\/$/, '');
    const ws = new Ws(`${base}${PATH}`);
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    ws.onmessage = (e: MessageEvent) => {
      if (this.#ws === ws) this.#frame(e.data as string | ArrayBuffer);
    };
    ws.onclose = () => {
      if (this.#ws === ws) this.#lost('transport close');
    };
    ws.onerror = () => {
      if (this.#ws === ws) this.#lost('transport close');
    };
  }

  #frame(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      const p = this.#partial;
      if (!p) return;
      p.buffers.push(data);
      if (p.buffers.length === p.packet.attachments) {
        this.#partial = null;
        this.#packet({ ...p.packet, data: fillPlaceholders(p.packet.data, p.buffers) });
      }
      return;
    }
    const kind = data[0];
    if (kind === EIO.open) {
      const { pingInterval, pingTimeout } = JSON.parse(data.slice(1)) as Record<string, number>;
      this.#beat(pingInterval! + pingTimeout!);
      this.#opts.onOpen?.();
      this.#send(`${EIO.message}${SIO.connect}${JSON.stringify(this.#opts.auth)}`);
    } else if (kind === EIO.ping) {
      this.#beat();
      this.#send(EIO.pong);
    } else if (kind === EIO.close) {
      this.#lost('transport close');
    } else if (kind === EIO.message) {
      const packet = decodePacket(data.slice(1));
      if (packet.attachments > 0) this.#partial = { packet, buffers: [] };
      else this.#packet(packet);
    }
  }

  #interval = 0;
  #beat(interval = this.#interval): void {
    this.#interval = interval;
    this.#deadline = Date.now() + interval;
    clearTimeout(this.#heartbeat);
    this.#heartbeat = setTimeout(() => this.#lost('ping timeout'), interval);
  }

  #packet({ type, id, data }: Decoded): void {
    if (type === SIO.connect) {
      this.connected = true;
      this.#attempts = 0;
      const queued = this.#buffer;
      this.#buffer = [];
      this.#fire('connect');
      for (const text of queued) this.#send(text);
    } else if (type === SIO.event || type === SIO.binEvent) {
      const [event, ...args] = data as [string, ...unknown[]];
      if (id !== null) args.push((...reply: unknown[]) => this.#reply(id, reply));
      this.#fire(event, ...args);
    } else if (type === SIO.ack || type === SIO.binAck) {
      const ack = id === null ? undefined : this.#acks.get(id);
      if (!ack || id === null) return;
      this.#acks.delete(id);
      const args = data as unknown[];
      if (ack.withError) ack.fn(null, ...args);
      else ack.fn(...args);
    } else if (type === SIO.error) {
      // The server's middleware refused the handshake: no retry (socket.io-client's behaviour).
      const { message, data: detail } = data as { message: string; data?: unknown };
      this.#stop();
      this.#fire('connect_error', Object.assign(new Error(message), { data: detail }));
    } else if (type === SIO.disconnect) {
      this.#stop();
      this.#fire('disconnect', 'io server disconnect');
    }
  }

  #reply(id: number, args: unknown[]): void {
    this.#send(`${EIO.message}${SIO.ack}${id}${JSON.stringify(args)}`);
  }

  /** The transport is gone: tell the page, and try again after a backoff unless stopped. */
  #lost(reason: DisconnectReason): void {
    if (!this.#active) return;
    const was = this.connected;
    this.#drop();
    if (was) this.#fire('disconnect', reason);
    else this.#fire('connect_error', new Error('websocket error'));
    if (!this.#active) return;
    const { reconnectionDelay: min, reconnectionDelayMax: max, randomizationFactor } = this.#opts;
    // socket.io-client's backoff: doubling from the minimum, jittered, capped.
    let ms = min * 2 ** this.#attempts++;
    const rand = Math.random();
    const deviation = Math.floor(rand * randomizationFactor * ms);
    ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
    this.#retry = setTimeout(() => this.#open(), Math.min(ms, max));
  }

  /** Closes the transport; acknowledgements that can never come fail (or are dropped). */
  #drop(): void {
    this.connected = false;
    this.#partial = null;
    clearTimeout(this.#heartbeat);
    clearTimeout(this.#retry);
    this.#deadline = Infinity;
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState <= 1) ws.close();
    }
    for (const [id, ack] of this.#acks) {
      // Still buffered: it goes out after the next handshake and may yet be answered.
      if (this.#buffer.some((t) => t.startsWith(`${EIO.message}${SIO.event}${id}[`))) continue;
      this.#acks.delete(id);
      if (ack.withError) ack.fn(new Error('socket has been disconnected'));
    }
  }

  #stop(): void {
    this.#active = false;
    globalThis.removeEventListener?.('offline', this.#offline);
    this.#drop();
  }
}
