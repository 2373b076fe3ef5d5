/** On the projector, in the report and the console (see KindParts): apart from the editor. */
export const projected = () => import('./Projected.svelte');
// Every group's shares in one chart, not a tile each.
export const compare = () => import('./Compare.svelte');
export const report = () => import('./Report.svelte');
export const inConsole = () => import('./console');
