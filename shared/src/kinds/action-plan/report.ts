import { planCounts } from '../../domain/followup.js';
import { PLAN_STATUS_LABELS } from '../../domain/followup-types.js';
import { mdInline } from '../../domain/markdown-escape.js';
import { countsText } from '../../domain/report-format.js';
import type { PlanCounts } from '../../domain/followup.js';
import { kindReport } from '../kind.js';
import type { PlanItem } from './document.js';
import type { ActionPlanContent } from './index.js';
import { actionPlanMeta } from './meta.js';

export interface ActionPlanWork {
  objectives: PlanItem[];
  counts: PlanCounts;
}

/** What the report says of a group's action plan. */
export const actionPlanReport = kindReport(actionPlanMeta, {
  label: 'SMART action plan',
  work(content: ActionPlanContent | undefined): ActionPlanWork {
    const objectives = content?.objectives ?? [];
    return { objectives, counts: planCounts(objectives) };
  },
  markdown(w: ActionPlanWork) {
    if (w.objectives.length === 0) return ['No objectives yet.'];
    const out = [`${countsText(w.counts)}.`, ''];
    w.objectives.forEach((o, n) => {
      out.push(
        `${n + 1}. **${mdInline(o.action) || 'Objective without an action'}** — ${PLAN_STATUS_LABELS[o.status]}`,
      );
      const fields: Array<[string, string]> = [
        ['Why', o.why],
        ['Indicator', o.indicator],
        ['Target', o.target],
        ['Responsible', o.responsible],
        ['Resources', o.resources],
        ['Partners', o.partners],
        ['Deadline', o.deadline],
        ['Progress', o.progress],
      ];
      for (const [label, value] of fields)
        if (value.trim()) out.push(`   - ${label}: ${mdInline(value)}`);
      if (o.missing.length > 0) out.push(`   - Not yet SMART: ${o.missing.join(', ')}`);
    });
    return [...out, ''];
  },
});
