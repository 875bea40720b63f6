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
