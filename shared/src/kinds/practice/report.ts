import { mdBlock, mdInline } from '../../domain/markdown-escape.js';
import { kindReport } from '../kind.js';
import type { PracticeContent } from './index.js';
import { practiceMeta } from './meta.js';

export type PracticeWork = PracticeContent;

/** What the report says of a group's practice. */
export const practiceReport = kindReport(practiceMeta, {
  label: 'Practice write-up',
  work(content: PracticeContent | undefined): PracticeWork {
    const sections = content?.sections ?? [];
    return { sections };
  },
  markdown(w: PracticeWork) {
    const written = w.sections.filter((s) => s.text.trim());
    if (written.length === 0) return ['Nothing written yet.'];
    return written.flatMap((s) => [`**${mdInline(s.label)}**`, '', mdBlock(s.text), '']);
  },
});
