import { fail } from '@sveltejs/kit';
import { entryOf, statusOf } from '$lib/server/entry';
import type { Actions } from './$types';

/**
 * Restore a backup: a plain form post of the file (multipart/form-data), so it works before the
 * page's scripts have loaded or with them blocked. The server's restore holds it to the API's
 * limits; a refused file comes back beside the field and nothing is made.
 */
export const actions: Actions = {
  restore: async (event) => {
    const file = (await event.request.formData()).get('backup');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { error: 'Choose the backup file first.' });
    // Its own buffer, handed whole to the server's worker thread.
    const restored = await entryOf(event).restore(new Uint8Array(await file.arrayBuffer()));
    if (!restored.ok) return fail(statusOf(restored.code), { error: restored.message });
    return { restored: restored.value };
  },
};
