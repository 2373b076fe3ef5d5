import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import * as Y from 'yjs';
import {
  buildReport,
  reportMarkdown,
  workshopBackup,
  type BackupDocument,
  type DocumentContent,
  type Workshop,
} from '@plenary/shared';
import { readDocumentContent } from '@plenary/shared/kinds';
import type { DocsServer } from '../coediting/coediting-server.js';
import { logError } from '../log.js';
import type { Store } from '../store/store.js';
import type { Workshops } from '../workshops.js';
import { sendFailure } from './errors.js';
import { limitPerAddress } from './throttle.js';
import { IMPORT_MAX_BYTES, restoreBackup } from './restore.js';
import type { Limiter } from '../limits.js';

export { IMPORT_MAX_BYTES, IMPORT_MAX_DEPTH } from './restore.js';

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
  const router = express.Router();

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
    (req: Request, res: Response) => restoreBackup(deps, req, res),
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
