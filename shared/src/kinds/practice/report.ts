import { mdBlock, mdInline } from '../../domain/markdown-escape.js';
import type { KindReport } from '../kind.js';

/** What the report says of a group's practice. */
export const practiceReport: KindReport<'practice'> = {
  work(base, content) {
    const sections = content?.sections ?? [];
    return { ...base, kind: 'practice', sections };
  },
  markdown(w) {
    const written = w.sections.filter((s) => s.text.trim());
    if (written.length === 0) return ['Nothing written yet.'];
    return written.flatMap((s) => [`**${mdInline(s.label)}**`, '', mdBlock(s.text), '']);
  },
};
