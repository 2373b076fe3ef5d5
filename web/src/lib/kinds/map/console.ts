import { m } from '$lib/paraglide/messages';

/** The map in the console (see KindConsole): only its default title. */
export const defaultTitle = m.console_groups_default_map_title;
