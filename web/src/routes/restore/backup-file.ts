/**
 * What the restore page says about a backup's size, with and without scripts: the server refuses
 * larger backups (IMPORT_MAX_BYTES), so the page checks first and nothing big is sent for nothing.
 */
export const BACKUP_MAX_BYTES = 10 * 1024 * 1024;

/** Reading the posted form failed because its body is over adapter-node's BODY_SIZE_LIMIT. */
export const isTooLarge = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
