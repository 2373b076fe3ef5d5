// A load-generating process: holds a share of the simulated participants and editors and runs
// what the main process asks for over IPC. Started by Pool (2 or 3 of them on 2 cores).
import * as participants from './participants.js';
import * as editors from './editors.js';
import * as failover from './failover.js';

const ops = {
  ping: async (_: object) => process.pid,
  join: participants.join,
  connectNaive: participants.connectNaive,
  track: participants.track,
  vote: participants.vote,
  tallyLatency: participants.tallyLatency,
  disconnectAll: participants.disconnectAll,
  openParticipantDocs: participants.openDocs,
  markEdits: participants.markEdits,
  arm: participants.arm,
  recovered: participants.recovered,
  verifyServerDocs: participants.verifyServerDocs,
  armFailover: failover.armFailover,
  failedOver: failover.failedOver,
  openEditors: editors.openDocs,
  runEditors: editors.run,
  burstEditors: editors.burst,
  closeEditors: editors.closeDocs,
};

export type Ops = typeof ops;

// Every y-websocket provider listens for the process's exit.
process.setMaxListeners(0);

if (process.send) {
  process.on('message', (m: { id: number; op: keyof Ops; args: never }) => {
    const op = ops[m.op] as (args: unknown) => Promise<unknown>;
    op(m.args).then(
      (result) => process.send!({ id: m.id, result }),
      (error: unknown) =>
        process.send!({
          id: m.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  process.on('SIGTERM', () => process.exit(0));
}
