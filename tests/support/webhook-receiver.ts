import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  /** Whether the receiver answered 2xx. */
  accepted: boolean;
}

/**
 * `up` answers 204; `down` drops every connection, as an unreachable host would; `flaky`
 * answers 500 to every other request; `failing` always answers 500.
 */
export type ReceiverMode = 'up' | 'down' | 'flaky' | 'failing';

export interface Receiver {
  url: string;
  mode: ReceiverMode;
  requests: ReceivedRequest[];
  /** Accepted requests, one per webhook-id (what a deduplicating receiver keeps). */
  accepted(): Map<string, ReceivedRequest>;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 that records what it is sent. */
export async function startReceiver(mode: ReceiverMode = 'up'): Promise<Receiver> {
  let flakyCounter = 0;
  const receiver: Receiver = {
    url: '',
    mode,
    requests: [],
    accepted() {
      const byId = new Map<string, ReceivedRequest>();
      for (const request of this.requests) if (request.accepted && !byId.has(request.id)) byId.set(request.id, request);
      return byId;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    if (receiver.mode === 'down') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const fail = receiver.mode === 'failing' || (receiver.mode === 'flaky' && flakyCounter++ % 2 === 0);
      receiver.requests.push({ id: String(req.headers['webhook-id']), headers: req.headers, body, json: JSON.parse(body), accepted: !fail });
      res.statusCode = fail ? 500 : 204;
      res.end(fail ? 'receiver failed on purpose' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/**
 * A received delivery checked as a receiver checks it, with the Standard Webhooks
 * reference library (not the service's own code): its parsed body, or a thrown
 * WebhookVerificationError. The timestamp must be within five minutes of now.
 */
export function verifiedDelivery(secret: string, request: { headers: IncomingHttpHeaders; body: string }): unknown {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return new Webhook(secret).verify(request.body, headers);
}
