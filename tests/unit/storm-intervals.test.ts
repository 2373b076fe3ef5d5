import { describe, expect, it } from 'vitest';
import {
  LARGE_ROOM,
  LARGE_ROOM_ROSTER_INTERVAL_MS,
  ROSTER_INTERVAL_MS,
  audienceRosterInterval,
} from '../../server/src/realtime/broadcast-policy.js';
import { arrivalInterval, presenceInterval } from '../../server/src/coediting/room-intervals.js';

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

  it('merges arrivals, departures and renewals of presence for longer: about 25 messages a second', () => {
    expect(arrivalInterval(1)).toBe(1000);
    expect(arrivalInterval(25)).toBe(1000);
    for (const peers of [1, 5, 10, 25, 50, 200]) {
      expect(arrivalInterval(peers)).toBeGreaterThan(presenceInterval(peers));
      expect(peers * (1000 / arrivalInterval(peers))).toBeLessThanOrEqual(25);
    }
  });
});
