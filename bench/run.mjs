// Entry point of `pnpm bench`: runs the TypeScript harness through tsx (Node 20 has no type
// stripping). Worker and peer processes are started with `--import tsx` from this folder.
import { register } from 'tsx/esm/api';

register();
await import('./src/main.ts');
