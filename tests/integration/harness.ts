import { io, type Socket } from 'socket.io-client';
import {
  createServer,
  MemoryStore,
  type PlenaryServer,
  type ServerDeps,
  type Store,
} from '@plenary/server';
import {
  PROTOCOL_VERSION,
  decodeWelcome,
  welcomeRoster,
  type Ack,
  type ClientToServer,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type CreatedWorkshop,
  type Credential,
  type Joined,
  type ParticipantView,
  type ServerToClient,
  type SessionView,
  type Welcome,
} from '@plenary/shared';

export type Client = Socket<ServerToClient, ClientToServer>;

export interface Running {
  server: PlenaryServer;
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** A real server on port 0, with a memory store unless one is given. */
export async function startServer(
  store: Store = new MemoryStore(),
  now?: () => number,
  extra: Partial<ServerDeps> = {},
): Promise<Running> {
  const server = createServer({ store, version: 'test', ...(now && { now }), ...extra });
  const url = await server.listen(0, '127.0.0.1');
  return { server, url, store, close: () => server.close() };
}

export async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function createWorkshop(base: string, body: Record<string, unknown> = {}) {
  const res = await post<CreatedWorkshop>(`${base}/api/workshops`, {
    title: 'Regional training on identification',
    ...body,
  });
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

let counter = 0;
export async function join(
  base: string,
  joinCode: string,
  name = `Participant ${++counter}`,
  country = 'PH',
) {
  const res = await post<Joined>(`${base}/api/join`, {
    joinCode,
    name,
    country,
    city: 'Cebu',
    organisation: 'Invented NGO',
  });
  if (res.status !== 201) throw new Error(`join failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A connected client that keeps the latest session and roster it was sent. */
export interface Live {
  socket: Client;
  welcome: Welcome;
  session: () => SessionView;
  roster: () => Map<string, ParticipantView>;
  ended: () => string | undefined;
}

export function connect(
  base: string,
  workshopId: string,
  credential: Credential,
  /** `listen`: adds listeners before anything arrives (the welcome, patches right after it). */
  extra: { protocol?: number; listen?: (socket: Client) => void } = {},
): Promise<Live> {
  const socket: Client = io(base, {
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: { protocol: extra.protocol ?? PROTOCOL_VERSION, workshopId, credential },
  });
  extra.listen?.(socket);
  let session: SessionView | undefined;
  const roster = new Map<string, ParticipantView>();
  let ended: string | undefined;
  socket.on('session', (s) => (session = s));
  // The welcome's roster inflates asynchronously: patches wait for it, in order.
  let rosterChain = Promise.resolve();
  socket.on('roster', (patch) => {
    rosterChain = rosterChain.then(() => {
      // Whole profiles for a facilitator, entries for others (see RosterEntry), merged over
      // what the screen has, as the web's applyRosterPatch does (a phone's own profile stays
      // whole when its entry comes in the shorter form everyone gets).
      for (const p of patch.upsert)
        roster.set(p.id, { ...roster.get(p.id), ...p } as ParticipantView);
      for (const id of patch.remove) roster.delete(id);
    });
  });
  socket.on('ended', (reason) => (ended = reason));
  return new Promise((resolve, reject) => {
    const refused = (err: Error) => {
      socket.close();
      reject(err);
    };
    socket.once('connect_error', refused);
    socket.on('welcome', (wire) => {
      const w = decodeWelcome(wire);
      // From here on, a failed reconnection attempt is retried by socket.io, not fatal.
      socket.off('connect_error', refused);
      session = w.session;
      const decoded = welcomeRoster(w);
      rosterChain = rosterChain.then(async () => {
        const entries = await decoded;
        roster.clear();
        for (const p of entries) roster.set(p.id, p as ParticipantView);
      });
      void rosterChain.then(
        () =>
          resolve({
            socket,
            welcome: w,
            session: () => session!,
            roster: () => roster,
            ended: () => ended,
          }),
        reject,
      );
    });
  });
}

let cmd = 0;
export const newCmdId = () => `cmd${Date.now().toString(36)}${(++cmd).toString(36)}x`;

export function send<K extends CommandName>(
  live: Live | Client,
  name: K,
  payload: Omit<CommandPayload<K>, 'cmdId'> & { cmdId?: string },
): Promise<Ack<CommandResult<K>>> {
  const socket = 'socket' in live ? live.socket : live;
  const full = { cmdId: newCmdId(), ...payload } as CommandPayload<K>;
  // The typed emit cannot see through the generic K; the payload type is checked above.
  return (
    socket as unknown as { emitWithAck: (n: string, p: unknown) => Promise<Ack<CommandResult<K>>> }
  ).emitWithAck(name, full);
}

/** Waits until `check` passes (for broadcasts), failing after `ms`. */
export async function eventually(check: () => void | Promise<void>, ms = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > ms) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** A workshop with one group of two (Ana and Ben) and a checklist launched in it. */
export async function groupWithChecklist(base: string) {
  const w = await createWorkshop(base);
  const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((n) => join(base, w.joinCode, n)));
  const facilitator = await connect(base, w.id, { kind: 'facilitator', key: w.facilitatorKey });
  const g = await send(facilitator, 'group.create', { name: 'Cebu' });
  for (const p of [ana!, ben!])
    await send(facilitator, 'group.assign', {
      participantId: p.participantId,
      groupId: g.ok ? g.groupId : '',
    });
  await send(facilitator, 'exercise.launch', {
    title: 'First contact',
    kind: 'checklist',
    template: 'first-contact-referral',
  });
  await eventually(() => {
    if (facilitator.session().artifacts.length !== 1) throw new Error('no checklist yet');
  });
  return {
    w,
    ana: ana!,
    ben: ben!,
    facilitator,
    artifactId: facilitator.session().artifacts[0]!.id,
  };
}
