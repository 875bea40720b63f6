import { createServer } from 'node:http';
import { verifyWebhook } from './verify-webhook.mjs';

/**
 * A minimal webhook receiver: checks every delivery, handles each webhook-id once, and
 * answers 204. `handle(event, id)` is your code; keep it quick (queue heavy work) so
 * the answer comes within 5 seconds.
 */
export function createWebhookReceiver(secret, handle) {
  // In production, keep the handled ids in your database (a unique key), not in memory.
  const handled = new Set();
  return createServer((req, res) => {
    let rawBody = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (rawBody += chunk));
    req.on('end', async () => {
      let event;
      try {
        event = verifyWebhook(secret, req.headers, rawBody);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const id = req.headers['webhook-id'];
      try {
        if (!handled.has(id)) {
          await handle(event, id);
          handled.add(id);
        }
        res.writeHead(204).end();
      } catch {
        // Not handled: answer with an error and the same delivery comes again later.
        res.writeHead(500).end();
      }
    });
  });
}
