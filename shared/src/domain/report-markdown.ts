import type { Report, ReportPoll } from './report-types.js';
import { mdInline, mdParagraph } from './markdown-escape.js';
import { teamMarkdown } from './report-team.js';
import { reportWorkMarkdown } from '../kinds/reports.js';
import {
  cell,
  countsText,
  plural,
  reportDate,
  reportDates,
  reportGain,
  reportMinutes,
  reportPercent,
  reportScore,
  table,
  time,
} from './report-format.js';

export { mdBlock, mdInline, mdParagraph } from './markdown-escape.js';
export {
  countsText,
  reportDate,
  reportDates,
  reportGain,
  reportMinutes,
  reportPercent,
  reportScore,
} from './report-format.js';

/**
 * The report as one Markdown file. Everything people typed is escaped, so a name or a note can
 * never become a link, an image or markup: the file reads the same in any Markdown viewer.
 */

function agenda(r: Report): string[] {
  const out = ['## Agenda: planned and actual time', ''];
  if (r.agenda.modules.length === 0) return [...out, 'The agenda is empty.', ''];
  for (const m of r.agenda.modules) {
    out.push(
      `### ${mdInline(m.title)}`,
      '',
      `Planned ${reportMinutes(m.plannedMinutes)}, actual ${reportMinutes(m.actualMinutes)}.`,
      '',
    );
    if (m.activities.length === 0) {
      out.push('No activities.', '');
      continue;
    }
    out.push(
      table(
        ['Activity', 'Kind', 'Planned', 'Actual', 'Difference'],
        m.activities.map((a) => [
          cell(a.title),
          a.kindLabel,
          reportMinutes(a.plannedMinutes),
          a.actualMinutes === null ? 'not run' : reportMinutes(a.actualMinutes),
          a.current
            ? 'running'
            : a.differenceMinutes === null
              ? '—'
              : `${a.differenceMinutes > 0 ? '+' : ''}${reportMinutes(a.differenceMinutes)}`,
        ]),
        ['l', 'l', 'r', 'r', 'r'],
      ),
      '',
    );
  }
  out.push(
    `**Whole agenda:** planned ${reportMinutes(r.agenda.plannedMinutes)}, actual ${reportMinutes(r.agenda.actualMinutes)}.`,
    '',
  );
  return out;
}

function participants(r: Report): string[] {
  const out = ['## Participants by country', ''];
  if (r.participants.length === 0) return [...out, 'Nobody joined.', ''];
  for (const c of r.participants) {
    out.push(
      `### ${mdInline(c.name)} (${c.people.length})`,
      '',
      table(
        ['Name', 'Organisation', 'Role'],
        c.people.map((p) => [cell(p.name), cell(p.organisation), cell(p.role)]),
      ),
      '',
    );
  }
  return out;
}

function pollResults(p: ReportPoll): string[] {
  const r = p.results;
  if (r.voters === 0) return ['No answers.'];
  switch (r.kind) {
    case 'scale':
      return [
        table(
          ['Value', 'Answers'],
          (r.distribution ?? []).map((d) => {
            const label =
              d.value === p.scale.min && p.scale.minLabel
                ? ` (${mdInline(p.scale.minLabel)})`
                : d.value === p.scale.max && p.scale.maxLabel
                  ? ` (${mdInline(p.scale.maxLabel)})`
                  : '';
            return [`${d.value}${label}`, String(d.count)];
          }),
          ['l', 'r'],
        ),
        '',
        `Average: ${r.mean === null || r.mean === undefined ? '—' : r.mean.toFixed(1)}.`,
      ];
    case 'open':
      return [
        ...(r.texts ?? []).map((t) => `- ${mdInline(t)}`),
        ...((r.words ?? []).length > 0
          ? [
              '',
              `Most used words: ${(r.words ?? [])
                .slice(0, 10)
                .map((w) => `${mdInline(w.word)} (${w.count})`)
                .join(', ')}.`,
            ]
          : []),
      ];
    case 'ranking':
      return [
        table(
          ['Option', 'Average place', 'Ranked first'],
          r.options.map((o) => [
            cell(o.label),
            (o.averagePosition ?? 0).toFixed(1),
            String(o.count),
          ]),
          ['l', 'r', 'r'],
        ),
      ];
    case 'points':
      return [
        table(
          ['Option', 'Points', 'Share of points'],
          r.options.map((o) => [cell(o.label), String(o.points ?? 0), reportPercent(o.share)]),
          ['l', 'r', 'r'],
        ),
      ];
    default:
      return [
        table(
          ['Option', 'Answers', 'Share'],
          r.options.map((o) => [
            cell(o.label) + (o.correct ? ' **(correct)**' : ''),
            String(o.count),
            reportPercent(o.share),
          ]),
          ['l', 'r', 'r'],
        ),
        ...(r.kind === 'quiz' && r.correctShare !== undefined
          ? ['', `Answered correctly: ${reportPercent(r.correctShare ?? null)}.`]
          : []),
      ];
  }
}

function polls(r: Report): string[] {
  const out = ['## Polls and quizzes', ''];
  const kc = r.knowledgeCheck;
  if (kc) {
    out.push(
      '### Knowledge check: before and after',
      '',
      'Share of answers that were correct, before and after the training.',
      '',
      table(
        ['Question', 'Before', 'After', 'Gain'],
        [
          ...kc.questions.map((q) => [
            cell(q.question),
            reportPercent(q.pre),
            reportPercent(q.post),
            reportGain(q.gain),
          ]),
          [
            '**All questions**',
            `**${reportPercent(kc.overall.pre)}**`,
            `**${reportPercent(kc.overall.post)}**`,
            `**${reportGain(kc.overall.gain)}**`,
          ],
        ],
        ['l', 'r', 'r', 'r'],
      ),
      '',
    );
  }
  if (r.polls.length === 0) return [...out, 'No polls were run.', ''];
  for (const p of r.polls) {
    const meta = [
      p.kindLabel,
      plural(p.results.voters, 'answer'),
      p.anonymous ? 'anonymous' : 'named',
      p.check ? (p.check === 'pre' ? 'knowledge check, before' : 'knowledge check, after') : '',
      p.asked ? `asked during ${mdInline(p.asked)}` : '',
    ].filter(Boolean);
    out.push(`### ${mdInline(p.question)}`, '', `*${meta.join(' · ')}*`, '', ...pollResults(p), '');
  }
  return out;
}

function questions(r: Report): string[] {
  const out = ['## Questions from the floor', ''];
  if (r.questions.length === 0) return [...out, 'No questions were asked.', ''];
  r.questions.forEach((q, i) =>
    out.push(
      `${i + 1}. ${mdInline(q.text)} — ${plural(q.upvotes, 'vote')}${q.answered ? ' · answered' : ''} · ${q.askedBy ? `asked by ${mdInline(q.askedBy)}` : 'anonymous'}`,
    ),
  );
  return [...out, ''];
}

function groups(r: Report): string[] {
  const out = ['## Group work', ''];
  if (r.groups.length === 0) return [...out, 'There were no breakout groups.', ''];
  for (const g of r.groups) {
    out.push(
      `### ${mdInline(g.name)}`,
      '',
      `Members: ${g.members.length ? g.members.map(mdInline).join(', ') : 'none'}.`,
      '',
    );
    if (g.work.length === 0) out.push('No group work.', '');
    for (const w of g.work) {
      const submitted = w.submittedAt ? `submitted ${reportDate(w.submittedAt)}` : 'not submitted';
      out.push(`#### ${mdInline(w.title)}`, '', `*${w.kindLabel} · ${submitted}*`, '');
      out.push(...reportWorkMarkdown(w), '');
    }
  }
  return out;
}

function review(r: Report): string[] {
  if (r.review.length === 0) return [];
  const out = ['## Peer review', ''];
  for (const round of r.review) {
    out.push(
      `### ${mdInline(round.exercise)}`,
      '',
      `*${round.modeLabel} · ${round.closed ? 'closed' : 'still open'} · scores from 1 to 5*`,
      '',
      table(
        ['Practice', 'Group', 'Self', 'Peers', 'Peer raters', 'Rank'],
        round.practices.map((p) => [
          cell(p.name || '—'),
          cell(p.group),
          reportScore(p.selfOverall),
          reportScore(p.peerOverall),
          String(p.peerRaters),
          p.rank === null ? '—' : String(p.rank),
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r'],
      ),
      '',
    );
    for (const p of round.practices) {
      out.push(
        `#### ${mdInline(p.group)}${p.name ? `: ${mdInline(p.name)}` : ''}`,
        '',
        table(
          ['Criterion', 'Self', 'Peers (mean)', 'Peers (range)'],
          p.criteria.map((c) => [
            cell(c.criterion),
            reportScore(c.self),
            reportScore(c.peerMean),
            c.peerMin === null ? '—' : `${c.peerMin}–${c.peerMax}`,
          ]),
          ['l', 'r', 'r', 'r'],
        ),
        '',
      );
      if (p.selfComment.trim()) out.push(`Self-assessment: ${mdInline(p.selfComment)}`, '');
      if (p.comments.length > 0) {
        out.push('Peer comments:', '');
        for (const c of p.comments)
          out.push(`- ${mdInline(c.text)}${c.from ? ` (${mdInline(c.from)})` : ''}`);
        out.push('');
      }
    }
    if (round.borrow.length > 0) {
      out.push('**What to borrow**', '');
      for (const b of round.borrow)
        out.push(
          `- ${mdInline(b.group)} (self ${b.selfScore} on ${mdInline(b.criterion)}): see ${b.from.map(mdInline).join(', ')}.`,
        );
      out.push('');
    }
  }
  return out;
}

function commitments(r: Report): string[] {
  const out = ['## Personal commitments', ''];
  if (r.commitments.length === 0) return [...out, 'No commitments were written.', ''];
  return [
    ...out,
    table(
      ['Name', 'Country', 'Group', 'Commitment', 'Objective of the plan'],
      r.commitments.map((c) => [
        cell(c.name),
        cell(c.country),
        cell(c.group ?? '—'),
        cell(c.text),
        cell(c.objective ?? '—'),
      ]),
    ),
    '',
  ];
}

function followUp(r: Report): string[] {
  const f = r.followUp;
  const out = ['## Follow-up', ''];
  if (f.progress.checkIns.length === 0 && f.now.length === 0)
    return [...out, 'No check-ins are planned.', ''];
  const now = new Map(f.now.map((n) => [n.groupName, n.counts]));
  const selfAssessed = f.progress.rows.some(
    (row) =>
      row.workshopSelfMean !== null || row.cells.some((c) => c.answered && c.selfMean !== null),
  );
  const self = (mean: number | null) =>
    selfAssessed && mean !== null ? ` · self-assessment ${reportScore(mean)}` : '';
  out.push(
    'Objectives of each group’s action plan: done, in progress and planned, now and as reported at each check-in.',
    '',
    table(
      [
        'Group',
        'Now',
        ...f.progress.checkIns.map((c) => `${mdInline(c.title)} (${reportDate(c.dueOn)})`),
      ],
      f.progress.rows.map((row) => [
        cell(row.groupName) +
          (selfAssessed && row.workshopSelfMean !== null
            ? ` (self-assessment at the workshop ${reportScore(row.workshopSelfMean)})`
            : ''),
        now.has(row.groupName) ? countsText(now.get(row.groupName)!) : '—',
        ...row.cells.map((c) =>
          c.answered ? countsText(c.counts) + self(c.selfMean) : 'not answered',
        ),
      ]),
    ),
    '',
  );
  if (f.notes.length > 0) {
    out.push('**Notes from the check-ins**', '');
    for (const n of f.notes)
      out.push(
        `- ${mdInline(n.groupName)}, ${mdInline(n.checkIn)}: ${mdInline(n.note)} (${mdInline(n.by)})`,
      );
    out.push('');
  }
  return out;
}

export function reportMarkdown(r: Report): string {
  const where = [mdParagraph(r.venue), reportDates(r)].filter(Boolean).join(' · ');
  const s = r.summary;
  const lines = [
    `# ${mdInline(r.title)}`,
    '',
    ...(where ? [where, ''] : []),
    `Report of ${reportDate(r.generatedAt)}, ${time(r.generatedAt)} UTC.`,
    '',
    [
      `${plural(s.participants, 'participant')} from ${plural(s.countries, 'country', 'countries')}`,
      plural(s.groups, 'group'),
      plural(s.polls, 'poll'),
      plural(s.questions, 'question from the floor', 'questions from the floor'),
      plural(s.commitments, 'personal commitment'),
    ].join(' · '),
    '',
    ...agenda(r),
    ...participants(r),
    ...polls(r),
    ...questions(r),
    ...groups(r),
    ...review(r),
    ...commitments(r),
    ...followUp(r),
    ...teamMarkdown(r.team),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
