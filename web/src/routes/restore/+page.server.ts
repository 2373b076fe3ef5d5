import { fail } from '@sveltejs/kit';
import { entryOf, statusOf } from '$lib/server/entry';
import { errorText } from '$lib/i18n/error-text';
import { m } from '$lib/paraglide/messages';
import { BACKUP_MAX_BYTES, isTooLarge } from './backup-file';
import type { Actions } from './$types';

/**
 * Restore a backup: a plain form post of the file (multipart/form-data), so it works before the
 * page's scripts have loaded or with them blocked. The server's restore holds it to the API's
 * limits; a refused file comes back beside the field and nothing is made.
 */
export const actions: Actions = {
  restore: async (event) => {
    // Said in the page's language (the device's choice or the browser's), as the page would.
    const options = { locale: event.locals.locale };
    const tooLarge = () => fail(413, { error: m.restore_too_large({}, options) });
    let form: FormData;
    try {
      form = await event.request.formData();
    } catch (error) {
      // A file well over the limit is cut off at the body's cap, before it is read: the page
      // says so beside the field, in the scripted check's words, instead of an error page.
      if (isTooLarge(error)) return tooLarge();
      throw error;
    }
    const file = form.get('backup');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { error: m.restore_choose_file({}, options) });
    if (file.size > BACKUP_MAX_BYTES) return tooLarge();
    // Its own buffer, handed whole to the server's worker thread.
    const restored = await entryOf(event).restore(new Uint8Array(await file.arrayBuffer()));
    if (!restored.ok)
      return fail(statusOf(restored.code), {
        error: errorText(restored, 'restore', options.locale),
      });
    return { restored: restored.value };
  },
};
