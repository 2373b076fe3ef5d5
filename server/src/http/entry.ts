import type { Request } from 'express';
import {
  CreateWorkshopInput,
  DEFAULT_COUNTRY_NAMES,
  describeZodError,
  fail,
  JoinCode,
  JoinInput,
  ok,
  type CreatedWorkshop,
  type EntryOutcome,
  type EntryServices,
  type ImportedWorkshop,
  type Joined,
  type JoinLookup,
} from '@plenary/shared';
import type { ZodError } from 'zod';
import type { Presence } from '../realtime/presence.js';
import type { Workshops } from '../workshops.js';
import type { Limiter, Verdict } from '../limits.js';
import { clientAddress } from './throttle.js';

/**
 * Creating a workshop, looking up a join code and joining: the three ways in, with their rate
 * limits. The REST API answers with them, and the web app's form actions (which run in this
 * process, so a form works before and without scripts) call them through `req.plenary`.
 */
export interface EntryDeps {
  workshops: Workshops;
  presence: Presence;
  limiter: Limiter;
  /** Fixed public origin (PUBLIC_ORIGIN), or undefined to use the request's own. */
  publicOrigin: string | undefined;
}

const invalid = (error: ZodError): EntryOutcome<never> => {
  const { message, field } = describeZodError(error);
  return fail('bad_request', message, field);
};

const limited = (verdict: Verdict & { ok: false }, message: string): EntryOutcome<never> => ({
  ...fail('rate_limited', message),
  retryAfterMs: verdict.retryAfterMs,
});

export function entryServices(deps: EntryDeps) {
  const { workshops, limiter } = deps;

  /**
   * Join codes are short: an address that keeps getting them wrong must wait; a right code still
   * opens a workshop joined from the same address before (the venue's).
   */
  async function mayTryCode(address: string, workshopId: string | undefined) {
    const verdict = await limiter.mayTryCode(address);
    if (verdict.ok || (workshopId && limiter.joinedBefore(address, workshopId))) return null;
    return limited(verdict, 'Too many tries: wait a minute, then check the code and try again');
  }

  return {
    /** Counted before the body is parsed, so a refused request costs no parsing. */
    async create(req: Request, body: unknown): Promise<EntryOutcome<CreatedWorkshop>> {
      const verdict = await limiter.create(clientAddress(req));
      if (!verdict.ok)
        return limited(
          verdict,
          'Too many workshops created from this address: wait a minute and try again',
        );
      const parsed = CreateWorkshopInput.safeParse(body ?? {});
      if (!parsed.success) return invalid(parsed.error);
      const { workshop, facilitatorKey, screenKey } = await workshops.create(parsed.data);
      const base = deps.publicOrigin ?? `${req.protocol}://${req.get('host')}`;
      return ok({
        id: workshop.id,
        joinCode: workshop.joinCode,
        facilitatorKey,
        screenKey,
        facilitatorUrl: `${base}/w/${workshop.id}/facilitate#key=${facilitatorKey}`,
        joinUrl: `${base}/join/${workshop.joinCode}`,
        screenUrl: `${base}/w/${workshop.id}/screen#key=${screenKey}`,
      });
    },

    async lookup(req: Request, rawCode: string): Promise<EntryOutcome<JoinLookup>> {
      const code = JoinCode.safeParse(rawCode);
      if (!code.success) return invalid(code.error);
      const id = await workshops.idForJoinCode(code.data);
      const refused = await mayTryCode(clientAddress(req), id);
      if (refused) return refused;
      const record = id ? await workshops.get(id) : undefined;
      if (!record) {
        await limiter.wrongCode(clientAddress(req));
        return fail('not_found', 'No workshop has this join code', 'joinCode');
      }
      return ok({
        workshopId: record.workshop.id,
        title: record.workshop.title,
        countryNames: record.workshop.countryNames ?? DEFAULT_COUNTRY_NAMES,
      });
    },

    async join(req: Request, body: unknown): Promise<EntryOutcome<Joined>> {
      const parsed = JoinInput.safeParse(body ?? {});
      if (!parsed.success) return invalid(parsed.error);
      const address = clientAddress(req);
      const id = await workshops.idForJoinCode(parsed.data.joinCode);
      const refused = await mayTryCode(address, id);
      if (refused) return refused;
      const joined = await workshops.join(parsed.data);
      if (!joined.ok) {
        if (joined.code === 'not_found') await limiter.wrongCode(address);
        return joined;
      }
      limiter.joined(address, joined.value.workshop.id);
      deps.presence.announce(joined.value.workshop.id, joined.value.participant);
      return ok({
        workshopId: joined.value.workshop.id,
        participantId: joined.value.participant.id,
        token: joined.value.token,
      });
    },
  };
}

export type Entry = ReturnType<typeof entryServices>;

/** What the web app's form actions get on `platform.req.plenary`: the same calls, for this request. */
export const servicesFor = (
  entry: Entry,
  restore: (req: Request, backup: Uint8Array) => Promise<EntryOutcome<ImportedWorkshop>>,
  req: Request,
): EntryServices => ({
  create: (body) => entry.create(req, body),
  lookup: (code) => entry.lookup(req, code),
  join: (body) => entry.join(req, body),
  restore: (backup) => restore(req, backup),
});
