import { m } from '$lib/paraglide/messages';

/** Whole minutes of elapsed time, e.g. "12 min"; under a minute "under 1 min". */
export const elapsedText = (ms: number): string =>
  ms < 60_000 ? m.console_under_minute() : m.minutes({ count: Math.floor(ms / 60_000) });

/** A participant who is away: "Away · last seen 5 min ago", "Away · not connected yet". */
export function awayText(lastSeenAt: number | null, now: number): string {
  if (lastSeenAt === null) return m.console_away_never();
  const mins = Math.floor(Math.max(0, now - lastSeenAt) / 60_000);
  if (mins < 1) return m.console_away_just_now();
  if (mins < 60) return m.console_away_minutes({ count: mins });
  return m.console_away_hours({ count: Math.floor(mins / 60) });
}

/** A change in the share correct, in percentage points: "+12 points", "−3 points", "±0 points". */
export function gainText(gain: number | null): string {
  if (gain === null) return '–';
  const count = Math.abs(Math.round(gain * 100));
  if (gain > 0) return m.console_check_gain_up({ count });
  if (gain < 0) return m.console_check_gain_down({ count });
  return m.console_check_gain_none({ count });
}
