import type { RequestEvent } from '@sveltejs/kit';
import type {
  CreatedWorkshop,
  EntryOutcome,
  EntryServices,
  ErrorCode,
  ImportedWorkshop,
  Joined,
  JoinLookup,
} from '@plenary/shared';
import { request } from '$lib/api';

/**
 * The ways in (create, look up a code, join) for a form action. Served by Plenary's server, they
 * come with the request (`platform.req.plenary`, the same code as the REST API, counting this
 * request's address); under `pnpm dev` they go through the REST API (Vite proxies /api).
 */
export function entryOf(event: Pick<RequestEvent, 'platform' | 'url'>): EntryServices {
  const own = event.platform?.req?.plenary;
  if (own) return own;
  // Not event.fetch: it would ask SvelteKit's own routes, and /api is not one of them.
  const viaNetwork: typeof fetch = (path, init) => fetch(new URL(String(path), event.url), init);
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    request<T>(method, path, {
      fetch: viaNetwork,
      ...(body !== undefined && { body }),
    }) as Promise<EntryOutcome<T>>;
  return {
    create: (body) => call<CreatedWorkshop>('POST', '/api/workshops', body),
    lookup: (code) => call<JoinLookup>('GET', `/api/join/${encodeURIComponent(code)}`),
    join: (body) => call<Joined>('POST', '/api/join', body),
    restore: async (backup) => {
      const res = await viaNetwork('/api/workshops/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // Its own buffer (from the action's file), never a shared one.
        body: backup as Uint8Array<ArrayBuffer>,
      }).catch(() => null);
      const answer = (await res?.json().catch(() => null)) as
        ImportedWorkshop | { error: { code: ErrorCode; message: string } } | null;
      if (res?.ok && answer && 'id' in answer) return { ok: true, value: answer };
      return answer && 'error' in answer
        ? { ok: false, code: answer.error.code, message: answer.error.message }
        : { ok: false, code: 'internal', message: 'The server could not restore this file' };
    },
  };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
};

/** The HTTP status a form action answers a failure with. */
export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 500;

/** A form's text fields, as typed (missing fields are ''). */
export function textFields<K extends string>(
  data: FormData,
  names: readonly K[],
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = data.get(name);
    out[name] = typeof value === 'string' ? value : '';
  }
  return out;
}
