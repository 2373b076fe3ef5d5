import { fail } from '@sveltejs/kit';
import { entryOf, statusOf } from '$lib/server/entry';
import { BACKUP_MAX_BYTES, CHOOSE_FILE, isTooLarge, TOO_LARGE } from './backup-file';
import type { Actions } from './$types';

/**
 * Restore a backup: a plain form post of the file (multipart/form-data), so it works before the
 * page's scripts have loaded or with them blocked. The server's restore holds it to the API's
 * limits; a refused file comes back beside the field and nothing is made.
 */
export const actions: Actions = {
  restore: async (event) => {
    let form: FormData;
    try {
      form = await event.request.formData();
    } catch (error) {
      // A file well over the limit is cut off at the body's cap, before it is read: the page
      // says so beside the field, in the scripted check's words, instead of an error page.
      if (isTooLarge(error)) return fail(413, { error: TOO_LARGE });
      throw error;
    }
    const file = form.get('backup');
    if (!(file instanceof File) || file.size === 0) return fail(400, { error: CHOOSE_FILE });
    if (file.size > BACKUP_MAX_BYTES) return fail(413, { error: TOO_LARGE });
    // Its own buffer, handed whole to the server's worker thread.
    const restored = await entryOf(event).restore(new Uint8Array(await file.arrayBuffer()));
    if (!restored.ok) return fail(statusOf(restored.code), { error: restored.message });
    return { restored: restored.value };
  },
};
