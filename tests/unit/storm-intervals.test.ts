import { describe, expect, it } from 'vitest';
import {
  LARGE_ROOM,
  LARGE_ROOM_ROSTER_INTERVAL_MS,
  ROSTER_INTERVAL_MS,
  audienceRosterInterval,
} from '../../server/src/realtime/broadcast.js';
import { presenceInterval } from '../../server/src/coediting/room.js';

describe('how long changes are merged before they go to every screen', () => {
  it('merges a large workshop’s roster changes for its phones over a longer interval', () => {
    expect(audienceRosterInterval(5)).toBe(ROSTER_INTERVAL_MS);
    expect(audienceRosterInterval(LARGE_ROOM)).toBe(ROSTER_INTERVAL_MS);
    expect(audienceRosterInterval(LARGE_ROOM + 1)).toBe(LARGE_ROOM_ROSTER_INTERVAL_MS);
    expect(LARGE_ROOM_ROSTER_INTERVAL_MS).toBeGreaterThan(ROSTER_INTERVAL_MS);
  });

  it('sends a crowded document’s presence at most about 100 messages a second', () => {
    expect(presenceInterval(1)).toBe(100);
    expect(presenceInterval(10)).toBe(100);
    expect(presenceInterval(25)).toBe(250);
    // Each change goes to every peer: peers x (1000 / interval) messages a second.
    for (const peers of [5, 10, 25, 50, 200])
      expect(peers * (1000 / presenceInterval(peers))).toBeLessThanOrEqual(100);
  });
});
