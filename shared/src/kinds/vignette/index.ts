import { kindDocument } from '../kind.js';
import { readStage, seedVignette, vignetteProgress, type StageAnswer } from './document.js';
import { vignetteMeta } from './meta.js';

export interface VignetteContent {
  stages: StageAnswer[];
}

export const vignetteDocument = kindDocument(vignetteMeta, {
  seed: (doc, exercise) => seedVignette(doc, exercise.stages.length),
  read: (doc, stageCount): VignetteContent => ({
    stages: Array.from({ length: stageCount }, (_, i) => readStage(doc, i)),
  }),
  progress: vignetteProgress,
});
