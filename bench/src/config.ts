/** Sizes of every scenario: the full figures, and a quick run for CI (under a minute). */
export interface Config {
  quick: boolean;
  workers: number;
  /** Socket.io transport of the join storm's participants: WebSocket only, as the web client
   *  connects (web/src/lib/connection.svelte.ts); 'browser' is long-polling first, then upgrade. */
  transport: 'browser' | 'websocket';
  votes: { burstVoters: number; burstWindowMs: number; steadyVoters: number; steadyRate: number };
  coedit: {
    phases: Array<{ name: string; groups: number; size: number; goalP99: number }>;
    durationMs: number;
    targets: Array<'plenary' | 'hocuspocus' | 'relay'>;
  };
  storm: { participants: number; joinWindowMs: number; groupSize: number };
  memory: {
    points: number[];
    groupSize: number;
    /** Things each of a document's two editors does (a whole word typed counts as one): the
     *  same in the quick run, whose documents would otherwise be a few minutes of a group's work. */
    editsPerDoc: number;
  };
  coldStarts: number;
  /** Two processes on Redis behind HAProxy, one killed while everyone votes and edits. */
  failover: { participants: number; joinWindowMs: number; groupSize: number };
  /** Two server processes on one Redis: the votes and co-editing above, split between them. */
  cluster: {
    votes: Config['votes'];
    coedit: { phase: Config['coedit']['phases'][number]; durationMs: number };
  };
}

export function config(quick: boolean, workers: number): Config {
  const targets: Config['coedit']['targets'] = ['plenary', 'hocuspocus', 'relay'];
  return quick
    ? {
        quick,
        workers,
        transport: 'websocket',
        votes: { burstVoters: 100, burstWindowMs: 2000, steadyVoters: 40, steadyRate: 20 },
        coedit: {
          phases: [{ name: '2 groups x 5', groups: 2, size: 5, goalP99: 50 }],
          durationMs: 2000,
          targets,
        },
        storm: { participants: 100, joinWindowMs: 2000, groupSize: 25 },
        failover: { participants: 40, joinWindowMs: 1000, groupSize: 5 },
        memory: { points: [0, 50, 100], groupSize: 25, editsPerDoc: 60 },
        coldStarts: 1,
        cluster: {
          votes: { burstVoters: 100, burstWindowMs: 2000, steadyVoters: 40, steadyRate: 20 },
          coedit: {
            phase: { name: '2 groups x 5', groups: 2, size: 5, goalP99: 50 },
            durationMs: 2000,
          },
        },
      }
    : {
        quick,
        workers,
        transport: 'websocket',
        votes: { burstVoters: 1000, burstWindowMs: 2000, steadyVoters: 200, steadyRate: 20 },
        coedit: {
          phases: [
            { name: '10 groups x 5', groups: 10, size: 5, goalP99: 50 },
            { name: '4 groups x 50', groups: 4, size: 50, goalP99: 150 },
          ],
          durationMs: 20_000,
          targets,
        },
        storm: { participants: 1000, joinWindowMs: 5000, groupSize: 25 },
        failover: { participants: 200, joinWindowMs: 2000, groupSize: 25 },
        memory: { points: [0, 250, 500, 1000], groupSize: 25, editsPerDoc: 60 },
        coldStarts: 3,
        cluster: {
          votes: { burstVoters: 1000, burstWindowMs: 2000, steadyVoters: 200, steadyRate: 20 },
          coedit: {
            phase: { name: '10 groups x 5', groups: 10, size: 5, goalP99: 50 },
            durationMs: 20_000,
          },
        },
      };
}
