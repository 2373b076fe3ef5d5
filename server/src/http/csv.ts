import { tallyPoll, type Poll, type Workshop } from '@plenary/shared';

/**
 * What a spreadsheet may take for the start of a formula: = + - @, their full-width and small
 * forms (which East Asian spreadsheets read as the ASCII ones), and the minus sign; also after
 * spaces or invisible characters that it may drop first. Tab, CR and LF at the start also count.
 */
const FORMULA_START =
  /^(?:[\t\r\n]|[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B\u2212])/u;

/**
 * RFC 4180 quoting, plus a guard against spreadsheet formula injection: a text cell that a
 * spreadsheet could run gets a leading apostrophe.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: Array<string | number | null | undefined>) => cells.map(csvCell).join(',');

const answerText = (poll: Poll, answer: Poll['ballots'][string]): string => {
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? '?';
  switch (answer.kind) {
    case 'single':
    case 'quiz':
      return label(answer.optionId);
    case 'multiple':
      return answer.optionIds.map(label).join('; ');
    case 'ranking':
      return answer.order.map(label).join(' > ');
    case 'scale':
      return String(answer.value);
    case 'open':
      return answer.text;
    case 'points':
      return Object.entries(answer.points)
        .map(([id, n]) => `${label(id)}: ${n}`)
        .join('; ');
  }
};

/**
 * One row per option (counts) and, for open text, one per answer. Named polls add one row per
 * participant's answer; the participant column exists only when some exported poll is named.
 */
export function pollsCsv(w: Workshop, polls: readonly Poll[]): string {
  const named = polls.some((p) => !p.anonymous);
  const header = [
    'poll',
    'kind',
    'anonymous',
    'state',
    'row',
    'option_or_answer',
    'count',
    'share',
    'average_position',
    'points',
    'correct',
    'mean',
  ];
  if (named) header.push('participant');
  const lines = [row(header)];
  const names = new Map(w.participants.map((p) => [p.id, p.name]));
  for (const poll of polls) {
    const r = tallyPoll(poll, true);
    const base = [poll.question, poll.kind, poll.anonymous ? 'yes' : 'no', poll.state];
    const tail = (participant?: string) => (named ? [participant ?? ''] : []);
    for (const o of r.options) {
      lines.push(
        row([
          ...base,
          'option',
          o.label,
          o.count,
          o.share,
          o.averagePosition,
          o.points,
          o.correct === undefined ? '' : o.correct ? 'yes' : 'no',
          '',
          ...tail(),
        ]),
      );
    }
    for (const d of r.distribution ?? [])
      lines.push(
        row([
          ...base,
          'scale value',
          d.value,
          d.count,
          r.voters ? d.count / r.voters : 0,
          '',
          '',
          '',
          r.mean ?? '',
          ...tail(),
        ]),
      );
    if (poll.anonymous)
      for (const t of r.texts ?? [])
        lines.push(row([...base, 'answer', t, 1, '', '', '', '', '', ...tail()]));
    if (!poll.anonymous) {
      for (const [participantId, answer] of Object.entries(poll.ballots)) {
        lines.push(
          row([
            ...base,
            'answer',
            answerText(poll, answer),
            '',
            '',
            '',
            '',
            '',
            '',
            ...tail(names.get(participantId) ?? '(left the workshop)'),
          ]),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
