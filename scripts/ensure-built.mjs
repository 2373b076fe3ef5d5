// `node scripts/ensure-built.mjs`: builds when a source is newer than the build, as `npm start`
// and `npm test` do, waiting for a build another command is running. The benchmark calls it.
import { ensureBuilt } from './lib.mjs';

await ensureBuilt();
