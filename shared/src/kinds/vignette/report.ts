import { mdInline } from '../../domain/markdown-escape.js';
import { kindReport } from '../kind.js';
import type { VignetteContent } from './index.js';
import { vignetteMeta } from './meta.js';

export interface VignetteWork {
  stages: Array<{
    number: number;
    text: string;
    shown: boolean;
    ticked: string[];
    referral: string;
  }>;
}

/** What the report says of a group's vignette. */
export const vignetteReport = kindReport(vignetteMeta, {
  label: 'Case vignette',
  work(content: VignetteContent | undefined, exercise): VignetteWork {
    const answers = content?.stages ?? [];
    const stages = (exercise?.stages ?? []).map((text, i) => ({
      number: i + 1,
      text,
      shown: i < (exercise?.stagesShown ?? 0),
      ticked: answers[i]?.ticked ?? [],
      referral: answers[i]?.referral ?? '',
    }));
    return { stages };
  },
  markdown(w: VignetteWork) {
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
});
