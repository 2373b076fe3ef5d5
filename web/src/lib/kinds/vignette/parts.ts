/** On the projector, in the report and the console (see KindParts): apart from the editor. */
export const projected = () => import('./Projected.svelte');
export const tile = () => import('../ProgressTile.svelte');
export const report = () => import('./Report.svelte');
export const inConsole = () => import('./console');
