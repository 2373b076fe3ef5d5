import { EventEmitter } from 'node:events';
import {
  applyCommand,
  createWorkshop,
  fail,
  joinWorkshop,
  ok,
  type Actor,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type CreateWorkshopInput,
  type Credential,
  type JoinInput,
  type Participant,
  type Result,
  type Workshop,
  teamOf,
} from '@plenary/shared';
import {
  hashSecret,
  newId,
  newJoinCode,
  newSecret,
  participantToken,
  secretMatches,
  splitParticipantToken,
} from './secrets.js';
import { RECENT_COMMANDS, type Store, type StoredWorkshop } from './store/store.js';

/** How often a command is tried against a workshop that other processes keep changing. */
const MAX_ATTEMPTS = 50;

export interface CommandOutcome<K extends CommandName> {
  result: Result<{ result: CommandResult<K>; duplicate: boolean }>;
  before: Workshop;
  after: Workshop;
}

/** A command's new state became the workshop's: in the order commands apply, before the disk. */
export interface AppliedChange {
  workshopId: string;
  name: CommandName;
  before: Workshop;
  after: Workshop;
}

/** What the workshops announce, for whoever shows state to people (realtime/broadcast.ts). */
export interface WorkshopEvents {
  applied: [AppliedChange];
}

export interface Created {
  workshop: Workshop;
  facilitatorKey: string;
  screenKey: string;
}

/** Hands a command's new record to the store; `applied` runs once it is the workshop's state. */
type Persist = (record: StoredWorkshop, from: StoredWorkshop, applied?: () => void) => void;
/** The workshop's record as the command must see it (earlier commands of its batch applied). */
type Load = () => Promise<StoredWorkshop | undefined>;
type Task<T> = (persist: Persist, load: Load) => Promise<T>;

/** Commands of one workshop written together to a shared store (Redis), at most. */
const MAX_BATCH = 200;

interface Batch {
  items: Array<{
    task: Task<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }>;
  running: boolean;
}

/**
 * Workshop state: loads from the store, runs commands one at a time per workshop (so two
 * commands never interleave between read and write), persists, and only then returns.
 */

export class Workshops {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per workshop, the latest save still on its way to disk. */
  private readonly durable = new Map<string, Promise<void>>();
  /** `applied`: emitted once per command that changed a workshop (never for a duplicate). */
  readonly events = new EventEmitter<WorkshopEvents>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): Promise<StoredWorkshop | undefined> {
    return this.store.load(id);
  }

  idForJoinCode(code: string): Promise<string | undefined> {
    return this.store.idForJoinCode(code);
  }

  async create(input: CreateWorkshopInput): Promise<Created> {
    const facilitatorKey = newSecret();
    const screenKey = newSecret();
    let joinCode = newJoinCode();
    while (await this.store.idForJoinCode(joinCode)) joinCode = newJoinCode();
    const workshop = createWorkshop(
      input,
      {
        id: newId(),
        joinCode,
        facilitatorKeyHash: hashSecret(facilitatorKey),
        screenKeyHash: hashSecret(screenKey),
      },
      { now: this.now(), newId },
    );
    await this.store.save({ workshop, recentCommands: [] });
    return { workshop, facilitatorKey, screenKey };
  }

  async join(
    input: JoinInput,
  ): Promise<Result<{ workshop: Workshop; participant: Participant; token: string }>> {
    const id = await this.store.idForJoinCode(input.joinCode);
    if (!id) return fail('not_found', 'No workshop has this join code', 'joinCode');
    return this.pipelined(id, async (persist, load) => {
      const record = await load();
      if (!record) return fail('not_found', 'No workshop has this join code', 'joinCode');
      const secret = newSecret();
      const { joinCode: _code, ...profile } = input;
      const ctx = { actor: { role: 'screen' } as Actor, now: this.now(), newId };
      const joined = joinWorkshop(record.workshop, profile, hashSecret(secret), ctx);
      if (!joined.ok) return joined;
      persist({ ...record, workshop: joined.value.workshop }, record);
      const { participant, workshop } = joined.value;
      return ok({ workshop, participant, token: participantToken(participant.id, secret) });
    });
  }

  /**
   * Who a credential belongs to in a workshop, or undefined when it grants nothing. A facilitator
   * credential is the owner's key or a team member's (who is then a facilitator or a moderator);
   * the actor carries the key's hash, so that it stops counting once the key is replaced.
   */
  authenticate(workshop: Workshop, credential: Credential): Actor | undefined {
    switch (credential.kind) {
      case 'facilitator': {
        if (secretMatches(credential.key, workshop.facilitatorKeyHash))
          return { role: 'facilitator', keyHash: workshop.facilitatorKeyHash };
        // Every member is compared, in constant time each: which one matched is not timed.
        let found: Actor | undefined;
        for (const m of teamOf(workshop).members)
          if (secretMatches(credential.key, m.keyHash))
            found = { role: m.role, memberId: m.id, keyHash: m.keyHash };
        return found;
      }
      case 'screen':
        // The owner's key opens the projector screen too (their own laptop, no separate link).
        if (secretMatches(credential.key, workshop.screenKeyHash))
          return { role: 'screen', keyHash: workshop.screenKeyHash };
        return secretMatches(credential.key, workshop.facilitatorKeyHash)
          ? { role: 'screen', keyHash: workshop.facilitatorKeyHash }
          : undefined;
      case 'participant': {
        const parts = splitParticipantToken(credential.token);
        const p = parts && workshop.participants.find((x) => x.id === parts.participantId);
        return p && parts && secretMatches(parts.secret, p.tokenHash)
          ? { role: 'participant', participantId: p.id }
          : undefined;
      }
    }
  }

  /**
   * Applies a parsed command for an authenticated actor. A command id seen before is not
   * applied again: the outcome says `duplicate`, and the state is unchanged.
   */
  async run<K extends CommandName>(
    workshopId: string,
    actor: Actor,
    name: K,
    cmdId: string,
    input: CommandInput<K>,
    ballotKeyFor?: (pollId: string) => string,
    /** Makes a key for a command that needs one (team.invite, key.rotate); returns its hash. */
    issueKey?: () => string,
  ): Promise<CommandOutcome<K> | undefined> {
    return this.pipelined(workshopId, async (persist, load) => {
      const record = await load();
      if (!record) return undefined;
      const before = record.workshop;
      if (record.recentCommands.includes(cmdId)) {
        // The first attempt may still be on its way to disk: answer after it is there.
        await this.durable.get(workshopId);
        const result = ok({ result: {} as CommandResult<K>, duplicate: true });
        return { result, before, after: before };
      }
      const applied = applyCommand(before, name, input, {
        actor,
        now: this.now(),
        newId,
        ...(ballotKeyFor && { ballotKeyFor }),
        ...(issueKey && { issueKey }),
      });
      if (!applied.ok) return { result: applied, before, after: before };
      const after = applied.value.workshop;
      const recentCommands = [...record.recentCommands, cmdId].slice(-RECENT_COMMANDS);
      // The result waits for the disk; `applied` goes out as soon as the state is the workshop's.
      persist({ workshop: after, recentCommands }, record, () =>
        this.events.emit('applied', { workshopId, name, before, after }),
      );
      return { result: ok({ result: applied.value.result, duplicate: false }), before, after };
    });
  }

  async delete(workshopId: string): Promise<void> {
    await this.serialized(workshopId, () => this.store.delete(workshopId));
  }

  /**
   * Like `serialized`, but the next task of the workshop starts as soon as this one has handed
   * its record to `persist`, not once the record is on disk: `save` makes a record visible to
   * `load` at once, and the store writes the records waiting meanwhile together (group commit).
   * The result is returned only once the record is durable. Holding the queue for the disk
   * instead made every command of a workshop wait for one whole-file write and fsync per
   * command before it (measured: 1,000 votes in 2 s were acknowledged after 16 s at the median).
   */
  private async pipelined<T>(workshopId: string, task: Task<T>): Promise<T> {
    if (this.store.saveIfUnchanged) return this.batched(workshopId, task);
    let saved: Promise<void> | undefined;
    const load = () => this.store.load(workshopId);
    const result = await this.serialized(workshopId, () =>
      task((record, _from, applied) => {
        saved = this.store.save(record);
        applied?.();
        const latest = saved.catch(() => undefined);
        this.durable.set(workshopId, latest);
        void latest.then(() => {
          if (this.durable.get(workshopId) === latest) this.durable.delete(workshopId);
        });
      }, load),
    );
    await saved;
    return result;
  }

  private readonly batches = new Map<string, Batch>();

  /**
   * Several processes (a shared store): the commands waiting for a workshop run together on the
   * state as loaded, one after the other, and their records are written as one, only if nobody
   * wrote in between (compare-and-set); otherwise the whole batch runs again on the fresh state.
   * One write per command, each a round trip of the whole record, held a workshop to about 35
   * votes a second (bench/, scenario 9). Results are returned once the batch is written.
   */
  private batched<T>(workshopId: string, task: Task<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let batch = this.batches.get(workshopId);
      if (!batch) this.batches.set(workshopId, (batch = { items: [], running: false }));
      batch.items.push({ task, resolve: resolve as (v: unknown) => void, reject });
      if (!batch.running) void this.drain(workshopId, batch);
    });
  }

  private async drain(workshopId: string, batch: Batch): Promise<void> {
    batch.running = true;
    try {
      while (batch.items.length > 0)
        await this.writeBatch(workshopId, batch.items.splice(0, MAX_BATCH));
    } finally {
      batch.running = false;
      if (batch.items.length === 0 && this.batches.get(workshopId) === batch)
        this.batches.delete(workshopId);
    }
  }

  /** One batch, in this process's turn when the store has turns (see Store.exclusive). */
  private async writeBatch(workshopId: string, items: Batch['items']): Promise<void> {
    const attempt = () => this.attemptBatch(workshopId, items);
    try {
      await (this.store.exclusive ? this.store.exclusive(workshopId, attempt) : attempt());
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }

  private async attemptBatch(workshopId: string, items: Batch['items']): Promise<void> {
    const fail = (error: unknown) => {
      for (const item of items) item.reject(error);
    };
    for (let attempt = 1; ; attempt++) {
      let from: StoredWorkshop | undefined;
      try {
        from = await this.store.load(workshopId);
      } catch (error) {
        return fail(error);
      }
      let current = from;
      const applied: Array<() => void> = [];
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      for (const item of items) {
        try {
          const value = await item.task(
            (record, _from, onApplied) => {
              current = record;
              if (onApplied) applied.push(onApplied);
            },
            async () => current,
          );
          outcomes.push({ ok: true, value });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      let written = true;
      if (current !== from && current) {
        try {
          if (from) written = await this.store.saveIfUnchanged!(current, from);
          else await this.store.save(current);
        } catch (error) {
          return fail(error);
        }
      }
      if (written) {
        for (const a of applied) a();
        outcomes.forEach((o, i) => (o.ok ? items[i]!.resolve(o.value) : items[i]!.reject(o.error)));
        return;
      }
      if (attempt >= MAX_ATTEMPTS)
        return fail(new Error(`Workshop still contended after ${MAX_ATTEMPTS} attempts`));
      // Both writers retrying at once would collide again: wait a little, at random.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }

  /** Runs `task` after every earlier task of the same workshop has finished. */
  private serialized<T>(workshopId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(workshopId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(workshopId, settled);
    void settled.then(() => {
      if (this.queues.get(workshopId) === settled) this.queues.delete(workshopId);
    });
    return next;
  }
}
