import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay between the service and PostgreSQL: the network, under the test's control.
 * Both ends are real; only the path between them can be cut or made to go silent.
 */
export interface TcpRelay {
  /** The database URL, reaching PostgreSQL through the relay. */
  url: string;
  /** Drops every connection at once and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  /** Holds every byte in both directions, without closing anything: a network gone silent. */
  stall(): void;
  /** Delivers what was held, in order, and passes bytes on again. */
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpRelay(databaseUrl: string): Promise<TcpRelay> {
  const target = new URL(databaseUrl);
  const targetPort = Number(target.port || 5432);
  const targetHost = target.hostname || '127.0.0.1';
  const sockets = new Set<Socket>();
  const held: Array<[Socket, Buffer]> = [];
  let refusing = false;
  let stalled = false;

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (stalled) held.push([to, chunk]);
      else to.write(chunk);
    });
  };
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as AddressInfo).port);

  return {
    url: relayed.toString(),
    cut() {
      refusing = true;
      held.length = 0;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    async close() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
