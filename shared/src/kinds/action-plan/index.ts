import type { KindDocument } from '../kind.js';
import { planProgress, readPlan } from './document.js';

export const actionPlanDocument: KindDocument<'action-plan'> = {
  read: (doc) => ({ kind: 'action-plan', objectives: readPlan(doc) }),
  progress: planProgress,
};
