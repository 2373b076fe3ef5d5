import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimits {
  /**
   * Wrong join codes per address per minute. Only failures count: a whole room joins from one
   * venue address (NAT) within a minute, but only a guesser gets codes wrong again and again.
   */
  wrongCodesPerMinute: number;
  /** Socket events per connection per second. */
  eventsPerSecond: number;
  /** Refused events a connection may send within 10 s before it is disconnected. */
  strikesBeforeDisconnect: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  wrongCodesPerMinute: 20,
  eventsPerSecond: 100,
  strikesBeforeDisconnect: 200,
};

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
