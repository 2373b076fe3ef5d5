import { mdInline } from '../../domain/markdown-escape.js';
import type { KindReport } from '../kind.js';

/** What the report says of a group's vignette. */
export const vignetteReport: KindReport<'vignette'> = {
  work(base, content, exercise) {
    const answers = content?.stages ?? [];
    const stages = (exercise?.stages ?? []).map((text, i) => ({
      number: i + 1,
      text,
      shown: i < (exercise?.stagesShown ?? 0),
      ticked: answers[i]?.ticked ?? [],
      referral: answers[i]?.referral ?? '',
    }));
    return { ...base, kind: 'vignette', stages };
  },
  markdown(w) {
    const out: string[] = [];
    for (const s of w.stages) {
      out.push(
        `**Stage ${s.number}**${s.shown ? '' : ' (not shown to the groups)'}: ${mdInline(s.text)}`,
        '',
        `- Indicators ticked: ${s.ticked.length ? s.ticked.map(mdInline).join('; ') : 'none'}`,
        `- Referral: ${s.referral.trim() ? mdInline(s.referral) : 'none written'}`,
        '',
      );
    }
    return out.length ? out : ['The case has no stages.'];
  },
};
