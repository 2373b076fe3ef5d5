export { createServer, type PlenaryServer, type ServerDeps } from './app.js';
export { MemoryStore } from './store/memory.js';
export { LowdbStore, DataDirLockedError } from './store/lowdb.js';
export type { Store, StoredWorkshop } from './store/store.js';
