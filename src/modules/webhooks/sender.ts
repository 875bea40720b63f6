import http from 'node:http';
import https from 'node:https';
import { checkUrlShape, publicOnlyLookup, type UrlPolicy } from './url-safety.js';

export interface SendOptions extends UrlPolicy {
  timeoutMs: number;
}

export interface SendResult {
  succeeded: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** Only this much of a receiver's answer is kept, for the attempt log. */
export const RESPONSE_EXCERPT_BYTES = 512;

const USER_AGENT = 'one-entry-webhooks/1';

/**
 * POSTs one signed webhook. Never throws: every outcome becomes a SendResult. Redirects
 * are not followed (a 3xx is a failure), the whole exchange has one deadline, and only a
 * short excerpt of the response is read.
 */
export async function sendWebhook(target: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = checkUrlShape(target, options);
  } catch (error) {
    return { succeeded: false, statusCode: null, durationMs: elapsed(), error: (error as Error).message, responseExcerpt: null };
  }

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs' | 'succeeded'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      const succeeded = result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      resolve({ ...result, succeeded, durationMs: elapsed() });
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT },
      agent: false,
      ...(options.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
    });
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ statusCode: null, error: `No complete answer within ${options.timeoutMs} ms`, responseExcerpt: null });
    }, options.timeoutMs);

    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ statusCode: null, error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message, responseExcerpt: null });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const statusCode = response.statusCode ?? null;
        const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
        const redirect = statusCode !== null && statusCode >= 300 && statusCode < 400;
        finish({
          statusCode,
          error: redirect ? 'Redirects are not followed' : null,
          responseExcerpt: excerpt.length > 0 ? excerpt : null,
        });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end(body);
  });
}
