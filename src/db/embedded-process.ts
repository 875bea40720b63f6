import { type ChildProcess, spawn } from 'node:child_process';
import { EmbeddedDatabaseError, tail } from './embedded-errors.js';
import type { RunAs } from './embedded-runtime.js';

// The PostgreSQL programs run as child processes. Every way a start can fail (the program
// cannot be spawned, exits early, never gets ready) becomes an EmbeddedDatabaseError that
// quotes what PostgreSQL said, instead of an unhandled 'error' event or a bare rejection.

const READY_TIMEOUT_MS = 60_000;
const READY = 'database system is ready to accept connections';

function spawnAs(program: string, args: string[], runAs: RunAs | undefined): ChildProcess {
  return spawn(program, args, {
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    // English messages, which the start-up check reads; the server's own locale is set by initdb.
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function spawnFailure(program: string, error: NodeJS.ErrnoException, runAs: RunAs | undefined): EmbeddedDatabaseError {
  const who = runAs ? `the user '${runAs.name}'` : 'this user';
  return new EmbeddedDatabaseError(
    `Could not run ${program} as ${who} (${error.code ?? error.message}). Check that ${who} can reach and execute it, run \`npm ci\` ` +
      'again, or set DATABASE_URL to a PostgreSQL server of your own.',
  );
}

/** Runs initdb to completion. */
export function runInitdb(initdb: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(initdb, args, runAs);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => reject(spawnFailure(initdb, error, runAs)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new EmbeddedDatabaseError(`Creating the embedded PostgreSQL cluster failed (initdb ${signal ?? `exit ${code}`}): ${tail(output)}`));
    });
  });
}

export interface PostgresProcess {
  readonly pid: number;
  /** Fast shutdown (SIGINT); resolves once the server has exited. */
  stop(): Promise<void>;
}

/** Starts the PostgreSQL server and resolves once it accepts connections. */
export function startPostgres(postgres: string, args: string[], runAs: RunAs | undefined): Promise<PostgresProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(postgres, args, runAs);
    let output = '';
    let ready = false;
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new EmbeddedDatabaseError(`The embedded PostgreSQL did not get ready within ${READY_TIMEOUT_MS / 1000} s: ${tail(output)}`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString('utf8');
      if (!output.includes(READY)) return;
      ready = true;
      output = '';
      clearTimeout(timer);
      resolve({
        pid: child.pid ?? 0,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
          await exited;
        },
      });
    });
    child.once('error', (error) => fail(spawnFailure(postgres, error, runAs)));
    child.once('close', (code, signal) => {
      if (!ready) fail(new EmbeddedDatabaseError(`The embedded PostgreSQL stopped while starting (${signal ?? `exit ${code}`}): ${tail(output)}`));
    });
  });
}
