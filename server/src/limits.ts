import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimits {
  /**
   * Wrong join codes per address per minute. Only failures count: a whole room joins from one
   * venue address (NAT) within a minute, but only a guesser gets codes wrong again and again.
   */
  wrongCodesPerMinute: number;
  /** Workshops created (POST /api/workshops) per address per minute. */
  creationsPerMinute: number;
  /** Backups restored, or tried (POST /api/workshops/import), per address per minute. */
  restoresPerMinute: number;
  /** Socket events per connection per second. */
  eventsPerSecond: number;
  /** Refused events a connection may send within 10 s before it is disconnected. */
  strikesBeforeDisconnect: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  wrongCodesPerMinute: 20,
  creationsPerMinute: 10,
  restoresPerMinute: 10,
  eventsPerSecond: 100,
  strikesBeforeDisconnect: 200,
};

/** How long an address is remembered as one a workshop's participants joined from. */
const JOINED_FROM_MS = 24 * 60 * 60 * 1000;
/** At most this many addresses remembered (the oldest forgotten first). */
const JOINED_FROM_MAX = 50_000;

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

async function take(limiter: RateLimiterMemory, key: string): Promise<Verdict> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterMs: error.msBeforeNext };
    throw error;
  }
}

/** In-process limiters (one process; several processes would share them through Redis). */
export class Limiter {
  private readonly join: RateLimiterMemory;
  private readonly events: RateLimiterMemory;
  private readonly strikes: RateLimiterMemory;
  private readonly creations: RateLimiterMemory;
  private readonly restores: RateLimiterMemory;
  /** address -> workshop ids joined from it, with when that stops counting. */
  private readonly joinedFrom = new Map<string, Map<string, number>>();

  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS) {
    this.join = new RateLimiterMemory({
      keyPrefix: 'join',
      points: limits.wrongCodesPerMinute,
      duration: 60,
    });
    this.events = new RateLimiterMemory({
      keyPrefix: 'ev',
      points: limits.eventsPerSecond,
      duration: 1,
    });
    this.strikes = new RateLimiterMemory({
      keyPrefix: 'st',
      points: limits.strikesBeforeDisconnect,
      duration: 10,
    });
    this.creations = new RateLimiterMemory({
      keyPrefix: 'create',
      points: limits.creationsPerMinute,
      duration: 60,
    });
    this.restores = new RateLimiterMemory({
      keyPrefix: 'restore',
      points: limits.restoresPerMinute,
      duration: 60,
    });
  }

  /** Counts a workshop creation against the address; whether it may go ahead. */
  create(address: string): Promise<Verdict> {
    return take(this.creations, address);
  }

  /** Counts a restore against the address; whether it may go ahead. */
  restore(address: string): Promise<Verdict> {
    return take(this.restores, address);
  }

  /**
   * Whether a join code that opens `workshopId` is let through from an address that got too many
   * codes wrong: only when someone already joined that workshop from the address (the venue's own
   * NAT address, where the code is on the projector anyway). Any other right code is refused like
   * a wrong one: were it let through, "429" would mean "wrong" and the limit would stop nobody.
   */
  joinedBefore(address: string, workshopId: string, now = Date.now()): boolean {
    return (this.joinedFrom.get(address)?.get(workshopId) ?? 0) > now;
  }

  /** Remembers that a participant of `workshopId` joined from the address. */
  joined(address: string, workshopId: string, now = Date.now()): void {
    const workshops = this.joinedFrom.get(address) ?? new Map<string, number>();
    this.joinedFrom.delete(address); // re-inserted last: the Map's order is least recent first
    this.joinedFrom.set(address, workshops.set(workshopId, now + JOINED_FROM_MS));
    for (const [id, until] of workshops) if (until <= now) workshops.delete(id);
    if (this.joinedFrom.size > JOINED_FROM_MAX)
      this.joinedFrom.delete(this.joinedFrom.keys().next().value!);
  }

  /** Whether this address may try a join code now. */
  async mayTryCode(address: string): Promise<Verdict> {
    const res = await this.join.get(address);
    return res && res.remainingPoints <= 0
      ? { ok: false, retryAfterMs: res.msBeforeNext }
      : { ok: true };
  }

  /** Counts a wrong code against the address. */
  async wrongCode(address: string): Promise<void> {
    await take(this.join, address);
  }

  /** 'ok', 'limited' (refuse this event), or 'disconnect' (the connection keeps flooding). */
  async event(socketId: string): Promise<'ok' | 'limited' | 'disconnect'> {
    if ((await take(this.events, socketId)).ok) return 'ok';
    return (await take(this.strikes, socketId)).ok ? 'limited' : 'disconnect';
  }
}
