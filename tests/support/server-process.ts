import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/db/embedded.js';

export { freePort };

const root = path.resolve(new URL('../..', import.meta.url).pathname);

// Longer than the service's own shutdown grace (SHUTDOWN_GRACE_MS, 10 s by default) plus
// stopping an embedded PostgreSQL on a busy machine.
const STOP_GRACE_MS = 30_000;

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the service as `npm start` does (tsx, with the telemetry loaded first) with the given environment. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  return spawnScript('src/server.ts', env, ['--import', './src/telemetry.ts']);
}

/** Runs one of the service's entry points with tsx, as its npm script does. */
export function spawnScript(script: string, env: Record<string, string>, imports: string[] = []): ServerProcess {
  const port = env.PORT ?? '0';
  const child = spawn(process.execPath, ['--import', 'tsx', ...imports, script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // A process that does not stop on the signal is killed, so that a failed test never
      // leaves it running for the file's hooks (or jest) to wait on; the exit code it then
      // has (null) tells the test it did not stop by itself.
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(kill);
      }
    },
  };
}

/** Polls /readyz until it answers 200 or the process exits. */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    try {
      const res = await fetch(`${server.baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not ready in time:\n${server.output()}`);
}
