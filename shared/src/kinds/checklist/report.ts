import { mdInline } from '../../domain/markdown-escape.js';
import { kindReport } from '../kind.js';
import type { ChecklistItem } from './document.js';
import type { ChecklistContent } from './index.js';
import { checklistMeta } from './meta.js';

export interface ChecklistWork {
  sections: Array<{ title: string; items: ChecklistItem[] }>;
  done: number;
  total: number;
}

/** What the report says of a group's checklist. */
export const checklistReport = kindReport(checklistMeta, {
  label: 'Checklist',
  work(content: ChecklistContent | undefined): ChecklistWork {
    const items = content?.items ?? [];
    const sections: Array<{ title: string; items: typeof items }> = [];
    for (const item of items) {
      const last = sections.at(-1);
      if (last && last.title === item.section) last.items.push(item);
      else sections.push({ title: item.section, items: [item] });
    }
    const done = items.filter((i) => i.checked).length;
    return { sections, done, total: items.length };
  },
  markdown(w: ChecklistWork) {
    if (w.total === 0) return ['The checklist is empty.'];
    const out = [`${w.done} of ${w.total} items checked.`, ''];
    for (const s of w.sections) {
      if (s.title) out.push(`**${mdInline(s.title)}**`, '');
      for (const i of s.items) {
        const details = [
          i.checked && i.checkedBy ? `checked by ${mdInline(i.checkedBy)}` : '',
          i.owner ? `owner: ${mdInline(i.owner)}` : '',
          i.due ? `due ${mdInline(i.due)}` : '',
          i.notes ? `notes: ${mdInline(i.notes)}` : '',
        ].filter(Boolean);
        out.push(
          `- [${i.checked ? 'x' : ' '}] ${mdInline(i.text)}${details.length ? ` — ${details.join(' · ')}` : ''}`,
        );
      }
      out.push('');
    }
    return out;
  },
});
