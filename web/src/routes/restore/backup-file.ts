/**
 * What the restore page says about a backup's size, with and without scripts: the server refuses
 * larger backups (IMPORT_MAX_BYTES), so the page checks first and nothing big is sent for nothing.
 */
export const BACKUP_MAX_BYTES = 10 * 1024 * 1024;

export const CHOOSE_FILE = 'Choose the backup file first.';
export const TOO_LARGE = 'This file is larger than 10 MB: it is not a Plenary backup.';

/** Reading the posted form failed because its body is over adapter-node's BODY_SIZE_LIMIT. */
export const isTooLarge = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
