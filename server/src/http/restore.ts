import type { Request, Response } from 'express';
import {
  fail,
  ok,
  restoreWorkshop,
  type EntryOutcome,
  type ImportedWorkshop,
} from '@plenary/shared';
import { DEFAULT_DOC_LIMITS } from '../coediting/coediting-server.js';
import { hashSecret, newId, newJoinCode, newSecret, participantToken } from '../secrets.js';
import { checkBackupOffThread } from './backup-thread.js';
import { sendFailure } from './errors.js';
import { readJsonBody } from './json-body.js';
import { JsonDepth } from './json-depth.js';
import { clientAddress } from './throttle.js';
import type { ReportDeps } from './report.js';

/**
 * The largest backup accepted (a JSON body; documents are base64 inside it). A five-day workshop
 * with 200 participants and 40 much-edited documents exports 3.4 MB (bench/src/backup-import.ts).
 */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** A backup nests 6 deep; a body nesting deeper than this is refused before it is parsed. */
export const IMPORT_MAX_DEPTH = 32;

/**
 * Restores a backup as a new workshop with new secrets (POST /api/workshops/import): size and
 * nesting checked as the JSON body arrives, then the rest as for a form's file.
 */
export async function restoreBackup(deps: ReportDeps, req: Request, res: Response): Promise<void> {
  const raw = await readJsonBody(req, {
    maxBytes: deps.importMaxBytes ?? IMPORT_MAX_BYTES,
    maxDepth: IMPORT_MAX_DEPTH,
    what: 'The backup',
  });
  if (!raw.ok) {
    // Too large: the rest is not read (express's body parser does the same).
    if (raw.code === 'too_large') res.setHeader('Connection', 'close');
    return sendFailure(res, raw);
  }
  const restored = await restoreChecked(deps, req, raw.bytes);
  if (!restored.ok) return sendFailure(res, restored);
  res.status(201).json(restored.value);
}

/**
 * The restore form's file (a form action, posted as multipart/form-data before or without
 * scripts): counted against the address like the API's restore, then the same size and nesting
 * limits, checked on the whole file, and the same restore. `bytes` must own its whole buffer.
 */
export async function restoreUpload(
  deps: ReportDeps,
  req: Request,
  bytes: Uint8Array,
): Promise<EntryOutcome<ImportedWorkshop>> {
  const verdict = await deps.limiter.restore(clientAddress(req));
  if (!verdict.ok)
    return {
      ...fail(
        'rate_limited',
        'Too many backups restored from this address: wait a minute and try again',
      ),
      retryAfterMs: verdict.retryAfterMs,
    };
  const maxBytes = deps.importMaxBytes ?? IMPORT_MAX_BYTES;
  if (bytes.length > maxBytes)
    return fail(
      'too_large',
      `The backup is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`,
    );
  if (!new JsonDepth(IMPORT_MAX_DEPTH).feed(bytes))
    return fail('bad_request', 'The backup nests deeper than any backup does');
  return restoreChecked(deps, req, bytes);
}

/**
 * Restores a backup whose size and nesting are checked: off the event loop, the JSON, the whole
 * backup and every document, before anything is written; then resolve in the domain, persist
 * documents first, answer the links.
 */
async function restoreChecked(
  deps: ReportDeps,
  req: Request,
  bytes: Uint8Array,
): Promise<EntryOutcome<ImportedWorkshop>> {
  const checked = await checkBackupOffThread(
    bytes,
    deps.maxDocBytes ?? DEFAULT_DOC_LIMITS.maxDocBytes,
  );
  if (!checked.ok) return checked;
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
      [...states].map(([artifactId, state]) => deps.docs.restore(id, artifactId, state)),
    );
    await deps.store.save({ workshop, recentCommands: [] });
  } catch (error) {
    await deps.docs.deleteWorkshop(id).catch(() => undefined);
    throw error;
  }

  const base = deps.publicOrigin ?? `${req.protocol}://${req.get('host')}`;
  return ok({
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
  });
}
