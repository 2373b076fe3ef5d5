import { kindDocument, NO_PROGRESS } from '../kind.js';
import { isPracticeDoc, PRACTICE_SECTIONS, practiceProgress, readPractice } from './document.js';
import { practiceMeta } from './meta.js';

export interface PracticeContent {
  /** The write-up's sections in order, with their labels. */
  sections: Array<{ label: string; text: string }>;
}

export const practiceDocument = kindDocument(practiceMeta, {
  read: (doc): PracticeContent => {
    const practice = readPractice(doc);
    return { sections: PRACTICE_SECTIONS.map((s) => ({ label: s.label, text: practice[s.key] })) };
  },
  // Nothing written yet: no progress line.
  progress: (doc) => (isPracticeDoc(doc) ? practiceProgress(doc) : NO_PROGRESS),
});
