import { describe, expect, it } from 'vitest';
import { consoleLanding, landingOf, participantLanding } from '../../web/src/lib/landing.js';
import { plural, pluralWord } from '../../web/src/lib/format.js';

/** Issue 22, item 3: where a form action sends someone, and what the page then reads back. */
describe('landings after a form post', () => {
  it('carries the facilitator key or the participant token in the fragment, and back', () => {
    const console = consoleLanding('w1', 'k-ey_9');
    expect(console).toBe('/w/w1/facilitate#key=k-ey_9');
    expect(landingOf(console)).toEqual({
      workshopId: 'w1',
      path: '/w/w1/facilitate',
      key: 'k-ey_9',
      screen: null,
      token: null,
    });
    // A new workshop's console gets the projector's key too (issue 22: it had none, and offered
    // to make a new one).
    const created = consoleLanding('w1', 'k-ey_9', 's+cr/en=');
    expect(created).toBe('/w/w1/facilitate#key=k-ey_9&screen=s%2Bcr%2Fen%3D');
    expect(landingOf(created)).toMatchObject({ key: 'k-ey_9', screen: 's+cr/en=' });
    const phone = participantLanding('w1', 'p1.s+cret/=');
    expect(landingOf(phone)).toEqual({
      workshopId: 'w1',
      path: '/w/w1',
      key: null,
      screen: null,
      token: 'p1.s+cret/=',
    });
  });

  it('is nothing for any other address', () => {
    expect(landingOf('/')).toBeNull();
    expect(landingOf('/w/w1/screen#key=x')).toBeNull();
    expect(landingOf('/w/w1')).toMatchObject({ key: null, token: null });
  });
});

/** Issue 22, item 9: "1 members" no more. */
describe('counts in words', () => {
  it('says one in the singular and everything else in the plural', () => {
    expect(plural(1, 'member')).toBe('1 member');
    expect([0, 2, 1.5].map((n) => plural(n, 'member'))).toEqual([
      '0 members',
      '2 members',
      '1.5 members',
    ]);
    expect(plural(1, 'activity', 'activities')).toBe('1 activity');
    expect(pluralWord(3, 'stage')).toBe('stages');
  });
});
