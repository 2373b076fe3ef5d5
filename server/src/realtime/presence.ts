import type { Participant, PresenceInfo } from '@plenary/shared';

/**
 * Who is connected, per workshop and participant, in this process. Presence is not persisted:
 * after a restart everyone is away until their browser reconnects, which it does by itself.
 */
export class Presence {
  private readonly byWorkshop = new Map<
    string,
    Map<string, { sockets: number; lastSeenAt: number | null }>
  >();
  /** Set by the socket layer: called with a participant whose roster entry should be re-sent. */
  onChange: (workshopId: string, participant: Participant | string) => void = () => {};

  constructor(private readonly now: () => number = Date.now) {}

  of(workshopId: string, participantId: string): PresenceInfo {
    const entry = this.byWorkshop.get(workshopId)?.get(participantId);
    return { online: (entry?.sockets ?? 0) > 0, lastSeenAt: entry?.lastSeenAt ?? null };
  }

  /** A new participant joined (over REST): show them on the roster before they connect. */
  announce(workshopId: string, participant: Participant): void {
    this.onChange(workshopId, participant);
  }

  /** Returns true when this is the participant's first live connection (they came online). */
  connected(workshopId: string, participantId: string): boolean {
    let map = this.byWorkshop.get(workshopId);
    if (!map) this.byWorkshop.set(workshopId, (map = new Map()));
    const entry = map.get(participantId) ?? { sockets: 0, lastSeenAt: null };
    entry.sockets += 1;
    entry.lastSeenAt = this.now();
    map.set(participantId, entry);
    return entry.sockets === 1;
  }

  /** Returns true when this was the participant's last live connection (they went away). */
  disconnected(workshopId: string, participantId: string): boolean {
    const entry = this.byWorkshop.get(workshopId)?.get(participantId);
    if (!entry) return false;
    entry.sockets = Math.max(0, entry.sockets - 1);
    entry.lastSeenAt = this.now();
    return entry.sockets === 0;
  }

  forget(workshopId: string, participantId?: string): void {
    if (participantId === undefined) this.byWorkshop.delete(workshopId);
    else this.byWorkshop.get(workshopId)?.delete(participantId);
  }
}
