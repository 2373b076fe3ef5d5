import { LIMITS } from '@plenary/shared';
// Relative, not $lib: the unit tests import this module as it is.
import { m } from '../paraglide/messages.js';
import { PROFILE_TEXTS, required, type FieldTexts } from './field-errors.js';

/** The console's forms: what shows beside a field in the facilitator's language (field-errors.ts). */
export const MODULE_TEXTS: FieldTexts = {
  title: required(m.console_error_module_title_required, m.console_error_module_title_too_long),
};

export const ACTIVITY_TEXTS: FieldTexts = {
  title: required(m.console_error_activity_title_required, m.console_error_activity_title_too_long),
  plannedMinutes: (issue, options) =>
    issue.code === 'too_big' || issue.code === 'too_small'
      ? m.console_error_planned_minutes_range({ max: LIMITS.plannedMinutes }, options)
      : m.console_error_planned_minutes({}, options),
};

/** Renaming a participant: the name's rules are the join form's. */
export const RENAME_TEXTS: FieldTexts = { name: PROFILE_TEXTS.name! };
