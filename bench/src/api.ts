import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  decodeWelcome,
  type Ack,
  type ClientToServer,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type CreatedWorkshop,
  type PollView,
  type ServerToClient,
  type SessionView,
} from '@plenary/shared';
import { sleep } from './clock.js';

export async function createWorkshop(base: string, title: string): Promise<CreatedWorkshop> {
  const res = await fetch(`${base}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, template: 'blank' }),
  });
  if (res.status !== 201) throw new Error(`create workshop: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedWorkshop;
}

let seq = 0;
const cmdId = () => `bench${Date.now().toString(36)}x${(++seq).toString(36)}`;

/** The facilitator's console, reduced to what the scenarios need. */
export class Facilitator {
  session: SessionView | null = null;
  polls: PollView[] = [];
  voters = new Map<string, number>();

  private constructor(readonly socket: Socket<ServerToClient, ClientToServer>) {
    socket.on('welcome', (wire) => {
      const w = decodeWelcome(wire);
      this.session = w.session;
      this.polls = w.polls;
      for (const r of w.results) this.voters.set(r.pollId, r.voters);
    });
    socket.on('session', (s) => (this.session = s));
    socket.on('polls', (p) => (this.polls = p));
    socket.on('poll.results', (r) => this.voters.set(r.pollId, r.voters));
  }

  static connect(base: string, workshopId: string, key: string): Promise<Facilitator> {
    const socket: Socket<ServerToClient, ClientToServer> = io(base, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: { protocol: PROTOCOL_VERSION, workshopId, credential: { kind: 'facilitator', key } },
    });
    const f = new Facilitator(socket);
    return new Promise((resolve, reject) => {
      socket.once('welcome', () => resolve(f));
      socket.once('connect_error', reject);
    });
  }

  /** Sends a command and returns its result; a refusal throws. */
  async send<K extends CommandName>(
    name: K,
    payload: Omit<CommandPayload<K>, 'cmdId'>,
  ): Promise<CommandResult<K>> {
    const emit = this.socket.timeout(60_000).emitWithAck as unknown as (
      n: K,
      p: CommandPayload<K>,
    ) => Promise<Ack<CommandResult<K>>>;
    const ack = await emit.call(this.socket.timeout(60_000), name, {
      cmdId: cmdId(),
      ...payload,
    } as CommandPayload<K>);
    if (!ack.ok) throw new Error(`${name} refused: ${ack.code} ${ack.message}`);
    return ack;
  }

  /** Waits until the facilitator's view satisfies `check` (broadcasts arrive after the ack). */
  async until<T>(check: () => T | undefined | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error('the facilitator did not see the change in time');
      await sleep(10);
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A single-choice poll with four options, open and revealed (participants see the tally). */
export async function openPoll(f: Facilitator, question: string): Promise<PollView> {
  const { pollId } = (await f.send('poll.create', {
    kind: 'single',
    question,
    options: ['Police', 'Labour inspectors', 'NGOs', 'Health workers'].map((label) => ({ label })),
  })) as { pollId: string };
  await f.send('poll.setState', { pollId, state: 'open' });
  await f.send('poll.reveal', { pollId, revealed: true });
  return f.until(() => f.polls.find((p) => p.id === pollId && p.state === 'open'));
}
