import { kindDocument } from '../kind.js';
import { planProgress, readPlan, type PlanItem } from './document.js';
import { actionPlanMeta } from './meta.js';

export interface ActionPlanContent {
  objectives: PlanItem[];
}

export const actionPlanDocument = kindDocument(actionPlanMeta, {
  read: (doc): ActionPlanContent => ({ objectives: readPlan(doc) }),
  progress: planProgress,
});
