import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import * as Y from 'yjs';
import {
  buildReport,
  reportMarkdown,
  restoreWorkshop,
  workshopBackup,
  type BackupDocument,
  type DocumentContent,
  type ImportedWorkshop,
  type Workshop,
} from '@plenary/shared';
import { readDocumentContent } from '@plenary/shared/kinds';
import { DEFAULT_DOC_LIMITS, type DocsServer } from '../coediting/coediting-server.js';
import { logError } from '../log.js';
import { hashSecret, newId, newJoinCode, newSecret, participantToken } from '../secrets.js';
import type { Store } from '../store/store.js';
import type { Workshops } from '../workshops.js';
import { sendFailure } from './errors.js';
import { readJsonBody } from './json-body.js';
import { checkBackupOffThread } from './backup-thread.js';
import { limitPerAddress } from './throttle.js';
import type { Limiter } from '../limits.js';

/**
 * The largest backup accepted (a JSON body; documents are base64 inside it). A five-day workshop
 * with 200 participants and 40 much-edited documents exports 3.4 MB (bench/src/backup-import.ts).
 */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** A backup nests 6 deep; a body nesting deeper than this is refused before it is parsed. */
export const IMPORT_MAX_DEPTH = 32;

export interface ReportDeps {
  workshops: Workshops;
  docs: DocsServer;
  store: Store;
  limiter: Limiter;
  /** Fixed public origin (PUBLIC_ORIGIN), or undefined to use the request's own. */
  publicOrigin: string | undefined;
  now: () => number;
  importMaxBytes?: number;
  maxDocBytes?: number;
}

const bearer = (req: Request): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

/** A file name from the workshop title: ASCII letters and digits, dashes between. */
const slug = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'workshop';

/**
 * The workshop report (Markdown, and JSON for the printable page), the backup and its restore.
 * Mounted before the main API router: the restore takes a larger body than its 100 kB.
 */
export function reportRouter(deps: ReportDeps): Router {
  const { workshops, docs } = deps;
  const importMax = deps.importMaxBytes ?? IMPORT_MAX_BYTES;
  const maxDocBytes = deps.maxDocBytes ?? DEFAULT_DOC_LIMITS.maxDocBytes;
  const router = express.Router();
  const origin = (req: Request) => deps.publicOrigin ?? `${req.protocol}://${req.get('host')}`;

  /** The workshop, if the bearer is its facilitator; otherwise sends the failure itself. */
  async function asFacilitator(req: Request, res: Response): Promise<Workshop | undefined> {
    const secret = bearer(req);
    if (!secret) {
      sendFailure(res, {
        code: 'unauthorized',
        message: 'Send the facilitator key as a Bearer token',
      });
      return undefined;
    }
    const record = await workshops.get(String(req.params.id));
    if (!record) {
      sendFailure(res, { code: 'not_found', message: 'No such workshop' });
      return undefined;
    }
    const actor = workshops.authenticate(
      record.workshop,
      secret.includes('.')
        ? { kind: 'participant', token: secret }
        : { kind: 'facilitator', key: secret },
    );
    if (actor?.role !== 'facilitator') {
      sendFailure(res, { code: 'forbidden', message: 'Only the facilitator can do that' });
      return undefined;
    }
    // Names and group work: never kept by a browser cache or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    return record.workshop;
  }

  async function contents(w: Workshop): Promise<Record<string, DocumentContent>> {
    const out: Record<string, DocumentContent> = {};
    for (const a of w.artifacts) {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, await docs.stateOf(w.id, a.id));
        const stages = w.exercises.find((e) => e.id === a.exerciseId)?.stages.length ?? 0;
        out[a.id] = readDocumentContent(a.kind, doc, stages);
      } finally {
        doc.destroy();
      }
    }
    return out;
  }

  const report = async (w: Workshop) =>
    buildReport({ workshop: w, documents: await contents(w), now: deps.now() });

  router.get('/workshops/:id/report.json', async (req, res) => {
    const w = await asFacilitator(req, res);
    if (!w) return;
    res.json(await report(w));
  });

  router.get('/workshops/:id/report.md', async (req, res) => {
    const w = await asFacilitator(req, res);
    if (!w) return;
    const markdown = reportMarkdown(await report(w));
    res.type('text/markdown; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${slug(w.title)}-report.md"`);
    res.send(markdown);
  });

  router.get('/workshops/:id/export.json', async (req, res) => {
    const w = await asFacilitator(req, res);
    if (!w) return;
    const documents: BackupDocument[] = [];
    for (const a of w.artifacts) {
      const state = await docs.stateOf(w.id, a.id);
      documents.push({ artifactId: a.id, state: Buffer.from(state).toString('base64') });
    }
    const day = new Date(deps.now()).toISOString().slice(0, 10);
    res.type('application/json; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${slug(w.title)}-backup-${day}.json"`,
    );
    res.send(JSON.stringify(workshopBackup(w, documents, deps.now())));
  });

  router.post(
    '/workshops/import',
    limitPerAddress(
      (address) => deps.limiter.restore(address),
      'Too many backups restored from this address: wait a minute and try again',
    ),
    async (req: Request, res: Response) => {
      // PARSE: size and nesting as the body arrives; then, off the event loop, the JSON, the
      // whole backup and every document, before anything is written.
      const raw = await readJsonBody(req, {
        maxBytes: importMax,
        maxDepth: IMPORT_MAX_DEPTH,
        what: 'The backup',
      });
      if (!raw.ok) {
        // Too large: the rest is not read (express's body parser does the same).
        if (raw.code === 'too_large') res.setHeader('Connection', 'close');
        return sendFailure(res, raw);
      }
      const checked = await checkBackupOffThread(raw.bytes, maxDocBytes);
      if (!checked.ok) return sendFailure(res, checked);
      const states = new Map(checked.states);

      // RESOLUTION: a new workshop with new secrets, in the domain.
      const id = newId();
      let joinCode = newJoinCode();
      while (await deps.store.idForJoinCode(joinCode)) joinCode = newJoinCode();
      const facilitatorKey = newSecret();
      const screenKey = newSecret();
      const secrets = new Map(checked.workshop.participants.map((p) => [p.id, newSecret()]));
      const tokenHashes = Object.fromEntries(
        [...secrets].map(([pid, secret]) => [pid, hashSecret(secret)]),
      );
      const tokenOf = (pid: string) => participantToken(pid, secrets.get(pid)!);
      const { workshop, notes } = restoreWorkshop(
        checked.workshop,
        {
          id,
          joinCode,
          facilitatorKeyHash: hashSecret(facilitatorKey),
          screenKeyHash: hashSecret(screenKey),
          tokenHashes,
        },
        deps.now(),
      );

      // PERSIST: documents first, so the workshop never exists without them.
      try {
        // All at once: each append waits up to 250 ms for others to share its fsync.
        await Promise.all(
          [...states].map(([artifactId, state]) => docs.restore(id, artifactId, state)),
        );
        await deps.store.save({ workshop, recentCommands: [] });
      } catch (error) {
        await docs.deleteWorkshop(id).catch(() => undefined);
        throw error;
      }

      const base = origin(req);
      const body: ImportedWorkshop = {
        id,
        joinCode,
        facilitatorKey,
        screenKey,
        facilitatorUrl: `${base}/w/${id}/facilitate#key=${facilitatorKey}`,
        joinUrl: `${base}/join/${joinCode}`,
        screenUrl: `${base}/w/${id}/screen#key=${screenKey}`,
        participants: workshop.participants.map((p) => ({
          participantId: p.id,
          name: p.name,
          token: tokenOf(p.id),
          url: `${base}/w/${id}/followup#token=${encodeURIComponent(tokenOf(p.id))}`,
        })),
        notes,
      };
      res.status(201).json(body);
    },
  );

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large')
      return sendFailure(res, {
        code: 'too_large',
        message: `The backup is larger than ${Math.floor(importMax / (1024 * 1024))} MB`,
      });
    if ((error as { status?: number }).status === 400)
      return sendFailure(res, { code: 'bad_request', message: 'The backup is not valid JSON' });
    logError('[report] unexpected error', error);
    sendFailure(res, {
      code: 'internal',
      message: 'Something went wrong on the server; try again',
    });
  });

  return router;
}
