import type { Response } from 'express';
import type { ApiError, ErrorCode, Failure } from '@plenary/shared';
import { describeZodError } from '@plenary/shared';
import type { ZodError } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  protocol_mismatch: 400,
  internal: 500,
};

export function sendFailure(
  res: Response,
  failure: Failure | { code: ErrorCode; message: string; field?: string },
) {
  const body: ApiError = {
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.field !== undefined && { field: failure.field }),
    },
  };
  res.status(STATUS[failure.code]).json(body);
}

export function sendInvalid(res: Response, error: ZodError) {
  const { message, field } = describeZodError(error);
  sendFailure(res, { code: 'bad_request', message, ...(field !== undefined && { field }) });
}
