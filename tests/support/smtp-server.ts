import { type AddressInfo, createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  /** How many times each recipient was offered a message (accepted or not). */
  offers: Map<string, number>;
  /** Answers RCPT TO for this address with these replies, one per attempt, then accepts. */
  replyTo(address: string, replies: Array<{ code: number; message: string }>): void;
  /**
   * Takes the next message for this address in full and then does not answer, as a server
   * that is slow to accept: the sender is left waiting mid-send. Resolves once it waits.
   */
  holdNext(address: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback: no TLS, no login, every message parsed with mailparser.
 * On a free port, or on `port` (to bring a server back where one was down).
 */
export async function startSmtpServer({ port: wanted = 0 }: { port?: number } = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const offers = new Map<string, number>();
  const scripted = new Map<string, Array<{ code: number; message: string }>>();
  const holding = new Map<string, () => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      offers.set(to, (offers.get(to) ?? 0) + 1);
      const reply = scripted.get(to)?.shift();
      if (reply) {
        callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const held = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()).find((to) => holding.has(to));
        if (held) {
          // Never answered: the message is not accepted, and is not counted as received.
          holding.get(held)?.();
          holding.delete(held);
          return;
        }
        simpleParser(raw)
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address.toLowerCase(), parsed, raw });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    offers,
    replyTo(address, replies) {
      scripted.set(address.toLowerCase(), [...replies]);
    },
    holdNext(address) {
      return new Promise<void>((resolve) => holding.set(address.toLowerCase(), resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nobody listens on (yet): connecting to it is refused. */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
