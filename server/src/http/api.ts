import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import {
  knowledgeCheck,
  participantView,
  rosterEntry,
  sessionView,
  type Actor,
  type Credential,
  type EntryOutcome,
  type JoinOrigins,
  type Workshop,
} from '@plenary/shared';
import type { Presence } from '../realtime/presence.js';
import type { Workshops } from '../workshops.js';
import { pollsCsv } from './csv.js';
import { sendFailure } from './errors.js';
import { sendRateLimited } from './throttle.js';
import type { Entry } from './entry.js';
import { logError } from '../log.js';

export interface ApiDeps {
  workshops: Workshops;
  presence: Presence;
  version: string;
  /** Where participants can reach this server (GET /workshops/:id/join-origins). */
  joinOrigins: () => JoinOrigins;
  /** Creating, looking up a join code and joining (shared with the web app's form actions). */
  entry: Entry;
  /** Deletes a workshop with everything in it, and ends its live connections. */
  deleteWorkshop: (workshopId: string) => Promise<void>;
}

const bearer = (req: Request): string | undefined => {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
};

/** The REST API: a table of routes, each a small named handler below. */
export function apiRouter(deps: ApiDeps): Router {
  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.get('/health', health(deps));
  api.post('/workshops', createWorkshop(deps));
  api.get('/join/:code', lookUpJoinCode(deps));
  api.post('/join', joinWorkshop(deps));
  api.get('/workshops/:id', readWorkshop(deps));
  api.get('/workshops/:id/join-origins', readJoinOrigins(deps));
  api.get('/workshops/:id/polls.csv', downloadPollsCsv(deps));
  api.get('/workshops/:id/knowledge-check', readKnowledgeCheck(deps));
  api.delete('/workshops/:id', deleteWorkshop(deps));
  api.use(noSuchRoute);
  api.use(onError);
  return api;
}

const health =
  (deps: ApiDeps): RequestHandler =>
  (_req, res) => {
    res.json({ ok: true, version: deps.version });
  };

/** Sends what a way in came to: its value with `status`, or the failure (429 with Retry-After). */
function sendOutcome<T>(res: Response, outcome: EntryOutcome<T>, status: number) {
  if (outcome.ok) return res.status(status).json(outcome.value);
  if (outcome.code === 'rate_limited')
    return sendRateLimited(res, outcome.retryAfterMs ?? 60_000, outcome.message);
  sendFailure(res, outcome);
}

const createWorkshop =
  ({ entry }: ApiDeps): RequestHandler =>
  async (req, res) => {
    sendOutcome(res, await entry.create(req, req.body), 201);
  };

const lookUpJoinCode =
  ({ entry }: ApiDeps): RequestHandler =>
  async (req, res) => {
    sendOutcome(res, await entry.lookup(req, String(req.params.code)), 200);
  };

const joinWorkshop =
  ({ entry }: ApiDeps): RequestHandler =>
  async (req, res) => {
    sendOutcome(res, await entry.join(req, req.body), 201);
  };

/** Finds the workshop and who the bearer is in it; sends the failure itself when there is none. */
async function authorize({ workshops }: ApiDeps, req: Request, res: Response) {
  const id = String(req.params.id);
  const secret = bearer(req);
  if (!secret) {
    sendFailure(res, {
      code: 'unauthorized',
      message: 'Send the facilitator key or a participant token as a Bearer token',
    });
    return undefined;
  }
  const record = await workshops.get(id);
  if (!record) {
    sendFailure(res, { code: 'not_found', message: 'No such workshop' });
    return undefined;
  }
  const credentials: Credential[] = secret.includes('.')
    ? [{ kind: 'participant', token: secret }]
    : [
        { kind: 'facilitator', key: secret },
        { kind: 'screen', key: secret },
      ];
  for (const credential of credentials) {
    const actor = workshops.authenticate(record.workshop, credential);
    if (actor) return { workshop: record.workshop, actor };
  }
  sendFailure(res, { code: 'forbidden', message: 'That key does not open this workshop' });
  return undefined;
}

/** The workshop when the bearer is its facilitator; otherwise the failure is sent. */
async function facilitatorOnly(
  deps: ApiDeps,
  req: Request,
  res: Response,
  message = 'Only the facilitator can do that',
) {
  const auth = await authorize(deps, req, res);
  if (!auth) return undefined;
  if (auth.actor.role !== 'facilitator') {
    sendFailure(res, { code: 'forbidden', message });
    return undefined;
  }
  return auth.workshop;
}

/** Whole profiles for the facilitator; roster entries for others, their own profile whole. */
const roster = (presence: Presence, w: Workshop, actor: Actor) =>
  w.participants.map((p) =>
    (actor.role === 'facilitator' || (actor.role === 'participant' && actor.participantId === p.id)
      ? participantView
      : rosterEntry)(p, presence.of(w.id, p.id)),
  );

const readWorkshop =
  (deps: ApiDeps): RequestHandler =>
  async (req, res) => {
    const auth = await authorize(deps, req, res);
    if (!auth) return;
    const { workshop, actor } = auth;
    res.json({
      role: actor.role,
      participantId: actor.role === 'participant' ? actor.participantId : null,
      ...sessionView(workshop),
      createdAt: workshop.createdAt,
      participants: roster(deps.presence, workshop, actor),
    });
  };

/** The console and the projector show these in join links and QR codes. */
const readJoinOrigins =
  (deps: ApiDeps): RequestHandler =>
  async (req, res) => {
    const auth = await authorize(deps, req, res);
    if (!auth) return;
    if (auth.actor.role === 'participant')
      return sendFailure(res, {
        code: 'forbidden',
        message: 'Only the facilitator and the projector need this',
      });
    res.json(deps.joinOrigins());
  };

/** All polls, or one with ?pollId=, as CSV. */
const downloadPollsCsv =
  (deps: ApiDeps): RequestHandler =>
  async (req, res) => {
    const workshop = await facilitatorOnly(deps, req, res);
    if (!workshop) return;
    const pollId = typeof req.query.pollId === 'string' ? req.query.pollId : undefined;
    const polls = pollId ? workshop.polls.filter((p) => p.id === pollId) : workshop.polls;
    if (pollId && polls.length === 0)
      return sendFailure(res, { code: 'not_found', message: 'No such poll', field: 'pollId' });
    const name = pollId ? `poll-${pollId}` : 'polls';
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.send(`\ufeff${pollsCsv(workshop, polls)}`);
  };

const readKnowledgeCheck =
  (deps: ApiDeps): RequestHandler =>
  async (req, res) => {
    const workshop = await facilitatorOnly(deps, req, res);
    if (!workshop) return;
    res.json(knowledgeCheck(workshop.polls, workshop.participants));
  };

const deleteWorkshop =
  (deps: ApiDeps): RequestHandler =>
  async (req, res) => {
    const workshop = await facilitatorOnly(
      deps,
      req,
      res,
      'Only the facilitator can delete a workshop',
    );
    if (!workshop) return;
    await deps.deleteWorkshop(workshop.id);
    res.status(204).end();
  };

const noSuchRoute: RequestHandler = (_req, res) => {
  sendFailure(res, { code: 'not_found', message: 'No such API route' });
};

/** Express 5 passes rejected promises and body-parser errors here. */
function onError(error: unknown, _req: Request, res: Response, _next: NextFunction) {
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return sendFailure(res, { code: 'too_large', message: 'The request body is too large' });
  if (status === 400)
    return sendFailure(res, {
      code: 'bad_request',
      message: 'The request body is not valid JSON',
    });
  logError('[api] unexpected error', error);
  sendFailure(res, {
    code: 'internal',
    message: 'Something went wrong on the server; try again',
  });
}
