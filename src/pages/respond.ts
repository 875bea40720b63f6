import type { FastifyError, FastifyReply } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { AppError } from '../errors.js';
import { isDatabaseUnavailable, isDataException } from '../plugins/errors.js';
import { documentHtml, type Html } from './html.js';
import type { Messages } from './messages.js';

// How every page of the service answers: its security headers, its document, and the
// status and texts of a page that failed.

/**
 * Headers of every page. The pages run no inline script or style and are never framed;
 * `default-src 'self'` keeps everything else to this origin. No referrer is sent, so a
 * tracking token in a page's address cannot leak through a link.
 */
export const pageHelmet = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
} satisfies HelmetOptions;

export function sendPage(reply: FastifyReply, status: number, body: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(documentHtml(body));
}

/**
 * The status a failed page request answers with: that of a known error, 503 when the
 * database is away, 400 when it refused a value from the request, else 500.
 */
export function statusOf(error: FastifyError): number {
  if (error instanceof AppError) return error.status;
  if (isDatabaseUnavailable(error)) return 503;
  // A value PostgreSQL cannot take (a NUL byte, invalid UTF-8) came from the address or the form.
  if (isDataException(error)) return 400;
  const status = error.statusCode ?? 500;
  return status >= 400 && status <= 599 ? status : 500;
}

export function errorTexts(m: Messages, status: number) {
  if (status === 404) return m.notFound;
  if (status === 413) return m.errors.tooLarge;
  if (status === 429) return m.errors.tooManyRequests;
  if (status === 503) return m.errors.unavailable;
  return status < 500 ? m.errors.badRequest : m.errors.internal;
}
