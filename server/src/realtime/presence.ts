import { EventEmitter } from 'node:events';
import type { Participant, PresenceInfo } from '@plenary/shared';
import type { Bus } from '../bus.js';

/** With several processes: how often each says who is connected to it, and how long that holds. */
const HEARTBEAT_MS = 10_000;
const REMOTE_TTL_MS = 35_000;
const CHANNEL = 'presence';

interface RemoteState {
  /** When this process last heard from that one. */
  at: number;
  /** Per workshop, the participants connected there, with when they were last seen. */
  online: Map<string, Map<string, number>>;
}

/**
 * Who is connected, per workshop and participant, in this process. Presence is not persisted:
 * after a restart everyone is away until their browser reconnects, which it does by itself.
 */
export class Presence {
  private readonly byWorkshop = new Map<
    string,
    Map<string, { sockets: number; lastSeenAt: number | null }>
  >();
  /** `changed`: a participant (or their id) whose roster entry should be re-sent. */
  readonly events = new EventEmitter<{
    changed: [workshopId: string, participant: Participant | string];
  }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Other processes' connections, from their presence messages (several processes only). */
  private readonly remote = new Map<string, RemoteState>();
  private bus: Bus | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  of(workshopId: string, participantId: string): PresenceInfo {
    const entry = this.byWorkshop.get(workshopId)?.get(participantId);
    let online = (entry?.sockets ?? 0) > 0;
    let lastSeenAt = entry?.lastSeenAt ?? null;
    const fresh = this.now() - REMOTE_TTL_MS;
    for (const state of this.remote.values()) {
      if (state.at < fresh) continue;
      const seen = state.online.get(workshopId)?.get(participantId);
      if (seen === undefined) continue;
      online = true;
      lastSeenAt = Math.max(lastSeenAt ?? 0, seen);
    }
    return { online, lastSeenAt };
  }

  /**
   * Several processes: tell the others who is connected here (when it changes, and every few
   * seconds, so a process that died stops counting once its word expires), and listen to them.
   * Only this process's own changes are broadcast to screens; the others' are remembered for
   * the roster this process sends.
   */
  async share(bus: Bus): Promise<void> {
    this.bus = bus;
    await bus.subscribe(CHANNEL, (message, from) => this.heard(from, message));
    this.heartbeat = setInterval(() => this.publish(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
  }

  private pending: NodeJS.Timeout | undefined;

  /** A change: tell the others within a quarter of a second, once for a whole burst of joins. */
  private soon(): void {
    if (!this.bus || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.publish();
    }, 250);
    this.pending.unref();
  }

  private publish(): void {
    if (!this.bus) return;
    const online: Record<string, Record<string, number>> = {};
    for (const [w, people] of this.byWorkshop)
      for (const [p, e] of people)
        if (e.sockets > 0) (online[w] ??= {})[p] = e.lastSeenAt ?? this.now();
    this.bus.publish(CHANNEL, new TextEncoder().encode(JSON.stringify(online)));
  }

  private heard(from: string, message: Uint8Array): void {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(message)) as Record<
        string,
        Record<string, number>
      >;
      const online = new Map<string, Map<string, number>>();
      for (const [w, people] of Object.entries(parsed))
        online.set(w, new Map(Object.entries(people).filter(([, at]) => typeof at === 'number')));
      this.remote.set(from, { at: this.now(), online });
    } catch {
      // Another process's message that does not parse: ignore it, its next heartbeat replaces it.
    }
  }

  /** A new participant joined (over REST): show them on the roster before they connect. */
  announce(workshopId: string, participant: Participant): void {
    this.events.emit('changed', workshopId, participant);
  }

  /** Returns true when this is the participant's first live connection (they came online). */
  connected(workshopId: string, participantId: string): boolean {
    let map = this.byWorkshop.get(workshopId);
    if (!map) this.byWorkshop.set(workshopId, (map = new Map()));
    const entry = map.get(participantId) ?? { sockets: 0, lastSeenAt: null };
    entry.sockets += 1;
    entry.lastSeenAt = this.now();
    map.set(participantId, entry);
    if (entry.sockets === 1) this.soon();
    return entry.sockets === 1;
  }

  /** Returns true when this was the participant's last live connection (they went away). */
  disconnected(workshopId: string, participantId: string): boolean {
    const entry = this.byWorkshop.get(workshopId)?.get(participantId);
    if (!entry) return false;
    entry.sockets = Math.max(0, entry.sockets - 1);
    entry.lastSeenAt = this.now();
    if (entry.sockets === 0) this.soon();
    return entry.sockets === 0;
  }

  forget(workshopId: string, participantId?: string): void {
    if (participantId === undefined) this.byWorkshop.delete(workshopId);
    else this.byWorkshop.get(workshopId)?.delete(participantId);
  }
}
