/**
 * Errors the services throw. Each carries what an RFC 9457 problem needs; the error
 * plugin turns them into application/problem+json responses.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[], detail = 'The request has invalid fields.') {
    super(400, 'validation-error', 'Invalid request', detail, { errors });
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'unauthorized', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this.') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'Not found.') {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(409, 'conflict', 'Conflict', detail, extensions, headers);
  }
}

export class UnprocessableError extends AppError {
  constructor(slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(422, slug, title, detail, extensions);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail = 'The service is temporarily unavailable; try again shortly.', retryAfterSeconds = 5) {
    super(503, 'service-unavailable', 'Service unavailable', detail, {}, { 'retry-after': String(retryAfterSeconds) });
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(detail: string) {
    super(428, 'precondition-required', 'Precondition required', detail, {
      errors: [{ path: 'headers.if-match', message: 'Required' }],
    });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail: string) {
    super(412, 'precondition-failed', 'Precondition failed', detail);
  }
}
