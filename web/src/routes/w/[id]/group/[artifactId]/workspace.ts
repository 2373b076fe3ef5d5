import {
  isRevealed,
  type Artifact,
  type DocAccess,
  type SessionView,
  type Timer,
} from '@plenary/shared';

/** The same rule as the server's `docAccess`, from what this connection can see. */
export function accessTo(
  session: SessionView,
  artifact: Artifact,
  role: string | null,
  myGroupId: string | null,
): DocAccess {
  if (role === 'facilitator') return 'write';
  if (role === 'screen') return 'read';
  if (artifact.groupId === myGroupId) return artifact.locked ? 'read' : 'write';
  const exercise = session.exercises.find((e) => e.id === artifact.exerciseId);
  return (exercise && isRevealed(session, exercise)) || session.galleryOpen ? 'read' : 'none';
}

/** The session timer as this group sees it: with the extra time the facilitator gave them. */
export function withExtra(timer: Timer | null, extraMs: number): Timer | null {
  if (!timer || extraMs <= 0) return timer;
  switch (timer.status) {
    case 'idle':
      return { ...timer, durationMs: timer.durationMs + extraMs };
    case 'paused':
      return { ...timer, remainingMs: timer.remainingMs + extraMs };
    case 'running':
      return { ...timer, endsAt: timer.endsAt + extraMs };
  }
}
