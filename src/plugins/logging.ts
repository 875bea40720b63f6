import type { FastifyServerOptions } from 'fastify';

// Personal data and secrets never reach the logs: contact data, descriptions, tokens.
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.contact',
  '*.email',
  '*.phone',
  '*.description',
  '*.token',
  '*.trackingToken',
  '*.password',
  '*.secret',
];

/**
 * Removes secrets carried in a URL from what is logged: the enterprise's tracking token in
 * the query, the code of a staff sign-in link in the path, and the authorization code and
 * state the identity provider sends back.
 */
export function scrubUrl(url: string): string {
  return url.replace(/([?&](?:token|trackingToken|code|state)=)[^&#]*/gi, '$1[REDACTED]').replace(/(\/sign-in\/link\/)[^/?#]+/, '$1[REDACTED]');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        method: req.method,
        url: scrubUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
    // Human-readable only when someone is watching; JSON lines for log collectors.
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  };
}
