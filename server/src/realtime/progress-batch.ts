import type { ArtifactProgress } from '@plenary/shared';
import { Throttle } from '../throttle.js';

/**
 * How often, at most, a workshop's document progress goes to its console (leading edge at once,
 * then merged). Each document already merges its own (coediting/room.ts); sent one document at a
 * time, 40 groups coming back after a restart still made a message per document three times a
 * second, the console's largest share of a reconnect storm's socket writes (bench/, scenario 3).
 */
export const PROGRESS_BATCH_MS = 300;

interface Batch {
  /** The latest progress of each document changed since the last send. */
  changed: Map<string, ArtifactProgress>;
  throttle: Throttle;
}

/** The progress of a workshop's documents, merged into one message per interval. */
export class ProgressBatches {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly now: () => number,
    private readonly send: (workshopId: string, progress: ArtifactProgress[]) => void,
  ) {}

  add(workshopId: string, progress: ArtifactProgress): void {
    let batch = this.batches.get(workshopId);
    if (!batch) {
      const changed = new Map<string, ArtifactProgress>();
      const flush = () => {
        const list = [...changed.values()];
        changed.clear();
        if (list.length > 0) this.send(workshopId, list);
      };
      batch = { changed, throttle: new Throttle(PROGRESS_BATCH_MS, this.now, flush) };
      this.batches.set(workshopId, batch);
    }
    batch.changed.set(progress.artifactId, progress);
    batch.throttle.request();
  }

  /** The workshop ended: nothing more is sent for it. */
  forget(workshopId: string): void {
    this.batches.get(workshopId)?.throttle.cancel();
    this.batches.delete(workshopId);
  }
}
