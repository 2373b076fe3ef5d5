import { beforeAll, describe, expect, it } from 'vitest';
import { activityText, LOCALES, type ActivityWhat, type Locale } from '@plenary/shared';
import { compileMessages } from '../../web/i18n-build.js';

/** What the test uses of web/src/lib/i18n/activity-text.ts. */
interface ActivityTextModule {
  activityWords(w: ActivityWhat, locale: Locale): string;
}
let words: ActivityTextModule['activityWords'];

// The module reads the compiled messages: compile them first when they are missing or stale.
beforeAll(async () => {
  await compileMessages();
  const lib = '../../web/src/lib/i18n';
  ({ activityWords: words } = (await import(`${lib}/activity-text.js`)) as ActivityTextModule);
}, 180_000);

/** One of every action the team log keeps (invented titles and names). */
const EVERY: ActivityWhat[] = [
  { did: 'activity.current', title: 'Identifying victims' },
  { did: 'activity.moved', title: 'Referral pathways' },
  { did: 'activity.ended' },
  { did: 'timer.started', minutes: 15 },
  { did: 'participant.removed', name: 'Invented Delegate' },
  { did: 'poll.reset', poll: 'Who refers first?' },
  { did: 'poll.launched', poll: 'Who refers first?' },
  { did: 'poll.closed', poll: 'Who refers first?' },
  { did: 'poll.shown', poll: 'Who refers first?' },
  { did: 'poll.hidden', poll: 'Who refers first?' },
  { did: 'question.reopened', question: 'Is consent needed?' },
  { did: 'question.answered', question: 'Is consent needed?' },
  { did: 'question.hidden', question: 'Is consent needed?' },
  { did: 'screen.activity' },
  { did: 'screen.poll', poll: 'Who refers first?' },
  { did: 'screen.question' },
  { did: 'screen.artifact', group: 'Cebu' },
  { did: 'screen.exercise', exercise: 'Indicators' },
  { did: 'screen.review', exercise: 'Good practices' },
  { did: 'groups.byCountry', count: 4 },
  { did: 'groups.random', count: 1 },
  { did: 'breakout.opened' },
  { did: 'breakout.closed' },
  { did: 'exercise.launched', title: 'Indicators', count: 3 },
  { did: 'exercise.revealed', exercise: 'Indicators' },
  { did: 'exercise.hidden', exercise: 'Indicators' },
  { did: 'artifact.locked', group: 'Cebu' },
  { did: 'artifact.unlocked', group: 'Cebu' },
  { did: 'gallery.opened' },
  { did: 'gallery.closed' },
  { did: 'review.opened', exercise: 'Good practices' },
  { did: 'review.shared' },
  { did: 'review.hidden' },
  { did: 'team.invitedCoFacilitator', name: 'Ana' },
  { did: 'team.invitedModerator', name: 'Bo' },
  { did: 'team.revoked', name: 'Ana' },
  { did: 'key.screen' },
  { did: 'key.own' },
  { did: 'key.member', name: 'Bo' },
];

describe('the team log, worded for its reader', () => {
  it('says in English exactly what the Markdown report says', () => {
    for (const w of EVERY) expect(words(w, 'en')).toBe(activityText(w));
  });

  it('is worded in every language, with every name and number in place', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en'))
      for (const w of EVERY) {
        const text = words(w, locale);
        expect(text, `${locale} ${w.did}`).not.toBe(activityText(w));
        expect(text, `${locale} ${w.did}`).not.toMatch(/[{}]/);
        for (const value of Object.values(w).slice(1))
          expect(text, `${locale} ${w.did}`).toContain(String(value));
      }
  });

  it('counts in English with the right plural', () => {
    expect(words({ did: 'groups.random', count: 1 }, 'en')).toBe('made 1 group (random)');
    expect(words({ did: 'exercise.launched', title: 'Plans', count: 2 }, 'en')).toBe(
      'launched “Plans” in 2 groups',
    );
  });
});
