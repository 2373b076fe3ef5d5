import type { KindDocument } from '../kind.js';
import { readStage, seedVignette, vignetteProgress } from './document.js';

export const vignetteDocument: KindDocument<'vignette'> = {
  seed: (doc, exercise) => seedVignette(doc, exercise.stages.length),
  read: (doc, stageCount) => ({
    kind: 'vignette',
    stages: Array.from({ length: stageCount }, (_, i) => readStage(doc, i)),
  }),
  progress: vignetteProgress,
};
