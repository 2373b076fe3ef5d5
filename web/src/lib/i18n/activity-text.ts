import type { ActivityEntry, ActivityWhat, Locale } from '@plenary/shared';
// Relative, not $lib: the unit tests import this module as it is.
import { m } from '../paraglide/messages.js';

/** A logged action in the reader's language, without its subject ("launched the poll “…”"). */
export function activityWords(w: ActivityWhat, locale: Locale): string {
  const o = { locale };
  switch (w.did) {
    case 'activity.current':
      return m.console_log_activity_current(w, o);
    case 'activity.moved':
      return m.console_log_activity_moved(w, o);
    case 'activity.ended':
      return m.console_log_activity_ended({}, o);
    case 'timer.started':
      return m.console_log_timer_started(w, o);
    case 'participant.removed':
      return m.console_log_participant_removed(w, o);
    case 'poll.reset':
      return m.console_log_poll_reset(w, o);
    case 'poll.launched':
      return m.console_log_poll_launched(w, o);
    case 'poll.closed':
      return m.console_log_poll_closed(w, o);
    case 'poll.shown':
      return m.console_log_poll_shown(w, o);
    case 'poll.hidden':
      return m.console_log_poll_hidden(w, o);
    case 'question.reopened':
      return m.console_log_question_reopened(w, o);
    case 'question.answered':
      return m.console_log_question_answered(w, o);
    case 'question.hidden':
      return m.console_log_question_hidden(w, o);
    case 'screen.activity':
      return m.console_log_screen_activity({}, o);
    case 'screen.poll':
      return m.console_log_screen_poll(w, o);
    case 'screen.question':
      return m.console_log_screen_question({}, o);
    case 'screen.artifact':
      return m.console_log_screen_artifact(w, o);
    case 'screen.exercise':
      return m.console_log_screen_exercise(w, o);
    case 'screen.review':
      return m.console_log_screen_review(w, o);
    case 'groups.byCountry':
      return m.console_log_groups_by_country(w, o);
    case 'groups.random':
      return m.console_log_groups_random(w, o);
    case 'breakout.opened':
      return m.console_log_breakout_opened({}, o);
    case 'breakout.closed':
      return m.console_log_breakout_closed({}, o);
    case 'exercise.launched':
      return m.console_log_exercise_launched(w, o);
    case 'exercise.revealed':
      return m.console_log_exercise_revealed(w, o);
    case 'exercise.hidden':
      return m.console_log_exercise_hidden(w, o);
    case 'artifact.locked':
      return m.console_log_artifact_locked(w, o);
    case 'artifact.unlocked':
      return m.console_log_artifact_unlocked(w, o);
    case 'gallery.opened':
      return m.console_log_gallery_opened({}, o);
    case 'gallery.closed':
      return m.console_log_gallery_closed({}, o);
    case 'review.opened':
      return m.console_log_review_opened(w, o);
    case 'review.shared':
      return m.console_log_review_shared({}, o);
    case 'review.hidden':
      return m.console_log_review_hidden({}, o);
    case 'team.invitedCoFacilitator':
      return m.console_log_team_invited_co_facilitator(w, o);
    case 'team.invitedModerator':
      return m.console_log_team_invited_moderator(w, o);
    case 'team.revoked':
      return m.console_log_team_revoked(w, o);
    case 'key.screen':
      return m.console_log_key_screen({}, o);
    case 'key.own':
      return m.console_log_key_own({}, o);
    case 'key.member':
      return m.console_log_key_member(w, o);
  }
}

/**
 * An entry's action in the reader's language; an entry logged before actions were kept as data
 * (or one whose names are gone) keeps its English words.
 */
export const entryWords = (e: ActivityEntry, locale: Locale): string =>
  e.what ? activityWords(e.what, locale) : e.action;
