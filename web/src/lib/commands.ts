import type {
  Ack,
  ClientToServer,
  CommandName,
  CommandPayload,
  CommandResult,
  Failure,
  ServerToClient,
} from '@plenary/shared';
import { BASE_LOCALE } from '@plenary/shared';
import { englishFailure, WHAT } from './i18n/command-failure.js';
import { commandFailure } from './i18n/failure-text.js';
import { getLocale } from './i18n/messages.svelte.js';
import { m } from './paraglide/messages.js';
import { newCmdId } from './ids.js';
import type { LiveSocket } from './live-socket.js';
import { readJson, writeJson } from './storage.js';
import { toasts } from './toasts.svelte.js';

/** A command without its id: what callers pass to `send`. */
export type CommandInputOf<K extends CommandName> = Omit<CommandPayload<K>, 'cmdId'>;

interface OutboxEntry {
  cmdId: string;
  name: CommandName;
  payload: Record<string, unknown>;
  queuedAt: number;
}

/**
 * Commands older than this are dropped rather than re-sent: "start the timer" from yesterday's
 * session should not fire when the laptop wakes up.
 */
const MAX_AGE_MS = 15 * 60_000;

/** "Could not send your vote. This poll is closed…" in the page's language. */
export async function describeFailure(name: CommandName, f: Failure): Promise<string> {
  return (await commandFailure(name, f)) ?? englishFailure(name, f);
}

export { newCmdId } from './ids.js';

/**
 * Sends commands with a client-made id, keeps each one in a per-workshop outbox until it is
 * acknowledged, and re-sends what is left (same id, so the server applies it once) after a
 * reconnect or a page reload.
 */
export class CommandSender {
  readonly #socket: LiveSocket<ServerToClient, ClientToServer>;
  readonly #storageKey: string;
  readonly #waiting = new Map<string, (ack: Ack<Record<string, unknown>>) => void>();

  constructor(
    socket: LiveSocket<ServerToClient, ClientToServer>,
    workshopId: string,
    role: string,
  ) {
    this.#socket = socket;
    this.#storageKey = `plenary:outbox:${workshopId}:${role}`;
  }

  send<K extends CommandName>(name: K, input: CommandInputOf<K>): Promise<Ack<CommandResult<K>>> {
    try {
      return this.#send(name, input);
    } catch (error) {
      // A bug or a browser without what we need: say so where the person acted, never only in
      // the console.
      const message = error instanceof Error ? error.message : String(error);
      toasts.error(
        `Could not ${WHAT[name] ?? 'do that'}: this page hit an error (${message}). Reload the page and try again.`,
      );
      return Promise.resolve({ ok: false, code: 'internal', message });
    }
  }

  #send<K extends CommandName>(name: K, input: CommandInputOf<K>): Promise<Ack<CommandResult<K>>> {
    const entry: OutboxEntry = {
      cmdId: newCmdId(),
      name,
      payload: input as Record<string, unknown>,
      queuedAt: Date.now(),
    };
    this.#save([...this.#load(), entry]);
    const done = new Promise<Ack<CommandResult<K>>>((resolve) => {
      this.#waiting.set(entry.cmdId, resolve as (ack: Ack<Record<string, unknown>>) => void);
    });
    // While disconnected the entry waits in the outbox; `flush` sends it on reconnect.
    if (this.#socket.connected) this.#emit(entry);
    else
      toasts.notice(
        getLocale() === BASE_LOCALE
          ? `You are offline: Plenary will ${WHAT[name] ?? 'send this'} as soon as the connection is back.`
          : m.offline_queued(),
      );
    return done;
  }

  /** Re-sends everything not yet acknowledged. Called once the server has welcomed us. */
  flush(): void {
    const now = Date.now();
    const fresh = this.#load().filter((e) => now - e.queuedAt < MAX_AGE_MS);
    this.#save(fresh);
    for (const entry of fresh) this.#emit(entry);
  }

  #emit(entry: OutboxEntry): void {
    const payload = { ...entry.payload, cmdId: entry.cmdId };
    const onAck = (ack: Ack<Record<string, unknown>>) => this.#settle(entry, ack);
    // The event name is only known as the union CommandName here, so socket.io's typed `emit`
    // cannot pair it with its payload; entries are built by the typed `send` above.
    (this.#socket.emit as (ev: string, payload: unknown, ack: typeof onAck) => void).call(
      this.#socket,
      entry.name,
      payload,
      onAck,
    );
  }

  #settle(entry: OutboxEntry, ack: Ack<Record<string, unknown>>): void {
    const wasQueued = this.#load().some((e) => e.cmdId === entry.cmdId);
    this.#save(this.#load().filter((e) => e.cmdId !== entry.cmdId));
    const resolve = this.#waiting.get(entry.cmdId);
    this.#waiting.delete(entry.cmdId);
    // A command re-sent after a reconnect can be acknowledged twice: report it once.
    if (!wasQueued && !resolve) return;
    if (!ack.ok) void describeFailure(entry.name, ack).then((text) => toasts.error(text));
    resolve?.(ack);
  }

  #load(): OutboxEntry[] {
    return readJson<OutboxEntry[]>(this.#storageKey) ?? [];
  }

  #save(entries: OutboxEntry[]): void {
    writeJson(this.#storageKey, entries.length ? entries : null);
  }
}
