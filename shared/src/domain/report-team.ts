import { mdInline } from './markdown-escape.js';
import { teamOf } from './team.js';
import { TEAM_ROLE_LABELS, type ActivityEntry, type TeamRole } from './team-types.js';
import type { Workshop } from './types.js';

/** The report's facilitation team: who ran the workshop, and who did what. */
export interface ReportTeam {
  /** `role` in English (the Markdown's); `as`, for screens that word it in their language. */
  members: Array<{ name: string; role: string; as?: 'owner' | TeamRole }>;
  /** Oldest first. */
  log: ActivityEntry[];
}

export function teamSection(w: Workshop): ReportTeam {
  const team = teamOf(w);
  return {
    members: [
      { name: team.ownerName, role: 'Lead facilitator', as: 'owner' },
      ...team.members.map((m) => ({ name: m.name, role: TEAM_ROLE_LABELS[m.role], as: m.role })),
    ],
    log: team.log,
  };
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The team section of report.md (everything typed escaped). */
export function teamMarkdown(t: ReportTeam | undefined): string[] {
  if (!t) return [];
  const out = ['## Facilitation team', ''];
  for (const m of t.members) out.push(`- ${mdInline(m.name)} (${m.role})`);
  out.push('', '### Who did what', '');
  if (t.log.length === 0) out.push('Nothing recorded.', '');
  for (const e of t.log) out.push(`- ${stamp(e.at)} UTC: ${mdInline(`${e.byName} ${e.action}`)}`);
  out.push('');
  return out;
}
