import { DOC_CLOSE, docAccess, type ArtifactProgress, type Workshop } from '@plenary/shared';
import type { Workshops } from '../workshops.js';
import { Room, type RoomDeps } from './room.js';

/**
 * The loaded rooms, by workshop: opens them (one load per document), unloads them once idle, and
 * closes the peers that lose access when a workshop changes here or on another process.
 */
export class Rooms {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Set<Promise<void>>();
  /** The latest progress of each document, kept after it unloads. */
  readonly progress = new Map<string, ArtifactProgress>();
  private readonly roomDeps: RoomDeps;

  constructor(
    private readonly deps: Omit<RoomDeps, 'onProgress'> & {
      workshops: Workshops;
      onProgress?: (workshopId: string, progress: ArtifactProgress) => void;
    },
  ) {
    this.roomDeps = {
      ...deps,
      onProgress: (room, progress) => {
        this.progress.set(room.name, progress);
        deps.onProgress?.(room.workshopId, progress);
      },
    };
    deps.relay.onWorkshopChanged((workshopId) => void this.recheck(workshopId));
  }

  /** How many documents are loaded now. */
  get size(): number {
    return this.rooms.size;
  }

  /** The room of an artifact of this workshop, loaded once however many ask at once. */
  open(w: Workshop, artifactId: string): Promise<Room> {
    const name = `${w.id}/${artifactId}`;
    let loading = this.rooms.get(name);
    if (!loading) {
      const kind = w.artifacts.find((a) => a.id === artifactId)?.kind;
      const room = new Room(name, w.id, artifactId, kind, this.roomDeps);
      loading = room.load().then(() => room);
      this.rooms.set(name, loading);
      loading.catch(() => this.rooms.delete(name));
    }
    return loading;
  }

  /** The room when it is loaded (or loading), else undefined. */
  async loaded(name: string): Promise<Room | undefined> {
    return this.rooms.get(name)?.catch(() => undefined);
  }

  /** The rooms of a workshop, as they finish loading. */
  private async *ofWorkshop(workshopId: string): AsyncGenerator<Room> {
    for (const [name, loading] of [...this.rooms]) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      const room = await loading.catch(() => undefined);
      if (room) yield room;
    }
  }

  /** Nobody is in the room: it unloads after a while unless someone comes back. */
  idle(room: Room): void {
    if (room.peers.size > 0) return;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      // Tracked, so that closing the server waits for a compaction on its way to disk.
      const unloading = this.unload(room);
      this.unloading.add(unloading);
      void unloading.finally(() => this.unloading.delete(unloading));
    }, this.deps.limits.idleUnloadMs);
    room.idleTimer.unref();
  }

  private async unload(room: Room) {
    if (room.peers.size > 0) return;
    this.rooms.delete(room.name);
    await room.unload();
  }

  /** A document is gone (deleted here or elsewhere): its peers are told, its room freed. */
  async forget(name: string, reason: string): Promise<Room | undefined> {
    const room = await this.loaded(name);
    this.rooms.delete(name);
    for (const p of room?.peers ?? []) p.close(DOC_CLOSE.gone, reason);
    room?.destroy();
    this.progress.delete(name);
    return room;
  }

  /** A change of groups, locks or reveal can take away access: close what is no longer allowed. */
  async closeWithoutAccess(w: Workshop): Promise<void> {
    for await (const room of this.ofWorkshop(w.id))
      for (const p of room.peers)
        if (docAccess(w, room.artifactId, p.actor) === 'none')
          p.close(DOC_CLOSE.forbidden, 'No access to this document');
  }

  /**
   * Another process changed this workshop: documents deleted there are closed here (their data
   * is gone already), and so are connections that lost access or whose participant was removed.
   */
  private async recheck(workshopId: string): Promise<void> {
    const record = await this.deps.workshops.get(workshopId);
    const w = record?.workshop;
    for await (const room of this.ofWorkshop(workshopId)) {
      if (!w || !w.artifacts.some((a) => a.id === room.artifactId)) {
        await this.forget(room.name, w ? 'This document was deleted' : 'This workshop was deleted');
        await this.deps.relay.leave(room.name);
        continue;
      }
      for (const p of room.peers) {
        const actor = p.actor;
        const gone =
          actor.role === 'participant' && !w.participants.some((x) => x.id === actor.participantId);
        if (gone) p.close(DOC_CLOSE.unauthorized, 'Removed from the workshop');
        else if (docAccess(w, room.artifactId, actor) === 'none')
          p.close(DOC_CLOSE.forbidden, 'No access to this document');
      }
    }
  }

  /** Disconnects a removed participant at once. */
  disconnectParticipant(workshopId: string, participantId: string): void {
    for (const [name, loading] of this.rooms) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      void loading.then((room) => {
        for (const p of room.peers)
          if (p.actor.role === 'participant' && p.actor.participantId === participantId)
            p.close(DOC_CLOSE.unauthorized, 'Removed from the workshop');
      });
    }
  }

  /** Forgets every document of a deleted workshop. */
  async deleteWorkshop(workshopId: string): Promise<void> {
    for (const name of [...this.rooms.keys()])
      if (name.startsWith(`${workshopId}/`)) await this.forget(name, 'This workshop was deleted');
  }

  /** Progress of every document of a workshop loaded since the server started. */
  progressOf(workshopId: string): ArtifactProgress[] {
    return [...this.progress]
      .filter(([name]) => name.startsWith(`${workshopId}/`))
      .map(([, p]) => p);
  }

  /** Unloads every room (storing what was appended), all at once. */
  async close(): Promise<void> {
    // All at once: one after the other, 40 documents' compactions (each a file and two fsyncs)
    // took 0.74 s of a restart that 1,000 people wait through (bench/, scenario 3).
    await Promise.all(
      [...this.rooms.values()].map(async (loading) => {
        const room = await loading.catch(() => undefined);
        if (!room) return;
        room.peers.clear();
        if (room.idleTimer) clearTimeout(room.idleTimer);
        await this.unload(room);
      }),
    );
    await Promise.all([...this.unloading]);
  }
}
