import type { ApiError, ErrorCode, Failure, Result } from '@plenary/shared';

/** Same-origin REST calls. Expected failures come back as values, with a message for people. */

const NETWORK: Failure = {
  ok: false,
  code: 'internal',
  message: 'Could not reach the server. Check the Wi-Fi connection and try again.',
};

const isApiError = (body: unknown): body is ApiError =>
  typeof body === 'object' &&
  body !== null &&
  'error' in body &&
  typeof (body as ApiError).error?.message === 'string';

const FALLBACK: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  404: { code: 'not_found', message: 'Not found.' },
  429: { code: 'rate_limited', message: 'Too many tries. Wait a minute and try again.' },
};

export async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { body?: unknown; bearer?: string; fetch?: typeof fetch } = {},
): Promise<Result<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(path, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  } catch {
    return NETWORK;
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, value: body as T };
  if (isApiError(body)) {
    const { code, message, field } = body.error;
    return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
  }
  const fallback = FALLBACK[res.status] ?? {
    code: 'internal' as const,
    message: 'Something went wrong on the server. Try again in a moment.',
  };
  return { ok: false, ...fallback };
}
