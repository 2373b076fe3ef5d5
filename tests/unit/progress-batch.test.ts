import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactProgress } from '@plenary/shared';
import { PROGRESS_BATCH_MS, ProgressBatches } from '../../server/src/realtime/progress-batch.js';

const progress = (artifactId: string, done: number): ArtifactProgress => ({
  artifactId,
  done,
  total: 16,
  lastEditAt: null,
  lastEditor: null,
  active: [],
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the progress of a workshop’s documents on the console', () => {
  it('goes at once after a quiet spell, then the changed documents together, latest of each', () => {
    const sent: Array<[string, ArtifactProgress[]]> = [];
    const batches = new ProgressBatches(Date.now, (w, list) => sent.push([w, list]));
    batches.add('w1', progress('a', 1));
    expect(sent).toEqual([['w1', [progress('a', 1)]]]);
    batches.add('w1', progress('b', 1));
    batches.add('w1', progress('c', 0));
    batches.add('w1', progress('b', 2));
    batches.add('w2', progress('x', 5));
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(PROGRESS_BATCH_MS);
    expect(sent).toEqual([
      ['w1', [progress('a', 1)]],
      ['w2', [progress('x', 5)]],
      ['w1', [progress('b', 2), progress('c', 0)]],
    ]);
  });

  it('sends nothing more for a workshop that ended', () => {
    const sent: ArtifactProgress[][] = [];
    const batches = new ProgressBatches(Date.now, (_w, list) => sent.push(list));
    batches.add('w1', progress('a', 1));
    batches.add('w1', progress('a', 2));
    batches.forget('w1');
    vi.advanceTimersByTime(PROGRESS_BATCH_MS * 2);
    expect(sent).toEqual([[progress('a', 1)]]);
  });
});
