/** Expected failures are values: a closed list of codes shared by REST and socket acks. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'too_large',
  'protocol_mismatch',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** The input field the failure is about, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(code: ErrorCode, message: string, field?: string): Failure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
