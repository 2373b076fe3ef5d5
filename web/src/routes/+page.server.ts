import { fail, redirect } from '@sveltejs/kit';
import { CreateWorkshopInput } from '@plenary/shared';
import { createTexts, fieldErrorsIn } from '$lib/i18n/field-errors';
import { errorText } from '$lib/i18n/error-text';
import { entryOf, statusOf, textFields } from '$lib/server/entry';
import { consoleLanding } from '$lib/landing';
import type { Actions } from './$types';

const FIELDS = ['title', 'startsOn', 'endsOn', 'venue', 'template'] as const;
export type CreateValues = Record<(typeof FIELDS)[number], string>;

/**
 * Create a workshop: a plain form post, so a click before the page's scripts have loaded (or with
 * scripts blocked) still creates it. Errors come back beside the fields, with what was typed.
 */
export const actions: Actions = {
  create: async (event) => {
    const values: CreateValues = textFields(await event.request.formData(), FIELDS);
    const parsed = CreateWorkshopInput.safeParse({
      title: values.title,
      template: values.template || 'victim-centred',
      startsOn: values.startsOn || null,
      endsOn: values.endsOn || null,
      venue: values.venue,
    });
    // Said in the page's language (the device's choice or the browser's), as the page would.
    const { locale } = event.locals;
    if (!parsed.success) {
      const errors = fieldErrorsIn(parsed.error, createTexts(values), locale);
      return fail(400, { create: { values, errors, formError: '' } });
    }
    const created = await entryOf(event).create(parsed.data);
    if (!created.ok) {
      const { code, field } = created;
      const message = errorText(created, null, locale);
      return fail(statusOf(code), {
        create: {
          values,
          errors: field ? { [field]: message } : {},
          formError: field ? '' : message,
        },
      });
    }
    const { id, facilitatorKey, screenKey } = created.value;
    // The projector's key rides along, so the console's projector link works from the start.
    redirect(303, consoleLanding(id, facilitatorKey, screenKey));
  },
};
