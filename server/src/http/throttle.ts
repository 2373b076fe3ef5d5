import type { Request, RequestHandler, Response } from 'express';
import type { Verdict } from '../limits.js';
import { sendFailure } from './errors.js';

/**
 * The client's address: the connection's own, or the one X-Forwarded-For gives when the
 * connection comes from a proxy that TRUST_PROXY names (express's `trust proxy`, set in app.ts).
 */
export const clientAddress = (req: Request): string => req.ip ?? 'unknown';

/** A 429 with Retry-After, in whole seconds. */
export function sendRateLimited(res: Response, retryAfterMs: number, message: string) {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  sendFailure(res, { code: 'rate_limited', message });
}

/**
 * Counts each request against its address and refuses it once the address is over its limit:
 * before the body is read, so a refused request costs no parsing.
 */
export function limitPerAddress(
  take: (address: string) => Promise<Verdict>,
  message: string,
): RequestHandler {
  return async (req, res, next) => {
    const verdict = await take(clientAddress(req));
    if (verdict.ok) return next();
    sendRateLimited(res, verdict.retryAfterMs, message);
  };
}
