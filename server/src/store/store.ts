import type { Workshop } from '@plenary/shared';

/** A workshop as stored, with the ids of the commands recently applied to it (for retries). */
export interface StoredWorkshop {
  workshop: Workshop;
  /** Most recent last; bounded (see RECENT_COMMANDS). Saved with the state it produced. */
  recentCommands: string[];
}

/** How many command ids a workshop remembers, so a retry within that window is applied once. */
export const RECENT_COMMANDS = 1000;

/**
 * Workshop storage. `save` resolves only once the record is durable: the server acknowledges a
 * command after it. Implementations: memory (tests), lowdb (default), Redis (several processes).
 */
export interface Store {
  load(id: string): Promise<StoredWorkshop | undefined>;
  idForJoinCode(joinCode: string): Promise<string | undefined>;
  save(record: StoredWorkshop): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<string[]>;
  close(): Promise<void>;
}
