import type { AgendaModule, Participant, Timer, Workshop } from './types.js';

/** What every connected screen knows of the workshop (no secrets, no roster). */
export interface SessionView {
  id: string;
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  joinCode: string;
  modules: AgendaModule[];
  currentActivityId: string | null;
  timer: Timer;
  timerSound: boolean;
}

export type Presence = 'online' | 'away';

/** A roster entry as others see it: never the token hash. */
export interface ParticipantView {
  id: string;
  name: string;
  country: string;
  city: string;
  organisation: string;
  role: string;
  joinedAt: number;
  presence: Presence;
  /** Server time of the last connection or disconnection, null if never connected. */
  lastSeenAt: number | null;
}

export const sessionView = (w: Workshop): SessionView => ({
  id: w.id,
  title: w.title,
  venue: w.venue,
  startsOn: w.startsOn,
  endsOn: w.endsOn,
  joinCode: w.joinCode,
  modules: w.modules,
  currentActivityId: w.currentActivityId,
  timer: w.timer,
  timerSound: w.timerSound,
});

export interface PresenceInfo {
  online: boolean;
  lastSeenAt: number | null;
}

export const participantView = (p: Participant, presence: PresenceInfo): ParticipantView => ({
  id: p.id,
  name: p.name,
  country: p.country,
  city: p.city,
  organisation: p.organisation,
  role: p.role,
  joinedAt: p.joinedAt,
  presence: presence.online ? 'online' : 'away',
  lastSeenAt: presence.lastSeenAt,
});

/** Fields of the session view that changed between two workshop states (by reference). */
export const sessionChanged = (a: Workshop, b: Workshop): boolean =>
  a.title !== b.title ||
  a.venue !== b.venue ||
  a.startsOn !== b.startsOn ||
  a.endsOn !== b.endsOn ||
  a.modules !== b.modules ||
  a.currentActivityId !== b.currentActivityId ||
  a.timer !== b.timer ||
  a.timerSound !== b.timerSound;
