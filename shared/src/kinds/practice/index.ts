import { NO_PROGRESS, type KindDocument } from '../kind.js';
import { isPracticeDoc, PRACTICE_SECTIONS, practiceProgress, readPractice } from './document.js';

export const practiceDocument: KindDocument<'practice'> = {
  read: (doc) => {
    const practice = readPractice(doc);
    return {
      kind: 'practice',
      sections: PRACTICE_SECTIONS.map((s) => ({ label: s.label, text: practice[s.key] })),
    };
  },
  // Nothing written yet: no progress line.
  progress: (doc) => (isPracticeDoc(doc) ? practiceProgress(doc) : NO_PROGRESS),
};
