import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { EmbeddedDatabaseError } from './embedded-errors.js';
import { clusterDirectory, postgresRunAs, type RunAs } from './embedded-runtime.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded.js';

// Backups of the embedded database as a physical copy of its cluster, made with
// PostgreSQL's own base-backup protocol through the driver: the embedded package ships no
// pg_dump (and an older one from the system refuses a newer server), and a copy of the
// files taken between pg_backup_start and pg_backup_stop, with the write-ahead log of that
// window, is consistent while the service keeps working. A restore puts the files in an
// empty DATA_DIR; PostgreSQL replays the log on its next start, as after a crash.
//
// The archive (tar + gzip) holds one-entry-backup.json (what it is), postgres-password
// (the cluster's superuser password, which the restored cluster still uses) and postgres/
// (the cluster). It does not hold secrets.key: the key that encrypts webhook signing
// secrets is kept apart from backups of what it encrypts (back it up elsewhere).

const MANIFEST = 'one-entry-backup.json';
const FORMAT = 1;

/** Directories whose contents a base backup leaves out (PostgreSQL recreates them), per PostgreSQL's documentation. */
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
/** Files of the running server that must not travel. */
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'tablespace_map.old']);

export interface BackupManifest {
  format: number;
  createdAt: string;
  postgresVersion: string;
  /** The WAL position the backup is consistent at. */
  lsn: string;
}

function clusterOf(dataDir: string): string {
  const link = path.resolve(dataDir, 'postgres');
  if (!existsSync(path.join(link, 'PG_VERSION'))) throw new EmbeddedDatabaseError(`${path.resolve(dataDir)} holds no embedded database to back up (no ${link}/PG_VERSION).`);
  return realpathSync(link);
}

function copyCluster(clusterDir: string, target: string): void {
  cpSync(clusterDir, target, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(clusterDir, source);
      if (relative === '') return true;
      const [top, ...rest] = relative.split(path.sep);
      if (rest.length === 0 && top !== undefined && LEFT_OUT.has(top)) return false;
      if (top !== undefined && EMPTIED.has(top) && rest.length > 0) return false;
      return !path.basename(source).startsWith('pgsql_tmp');
    },
  });
}

/** The log segments written up to now; after pg_backup_stop they cover the backup's whole window. */
function copyWal(clusterDir: string, target: string): void {
  const wal = path.join(clusterDir, 'pg_wal');
  const into = path.join(target, 'pg_wal');
  mkdirSync(path.join(into, 'archive_status'), { recursive: true });
  for (const name of readdirSync(wal)) {
    const file = path.join(wal, name);
    if (lstatSync(file).isFile()) cpSync(file, path.join(into, name));
  }
}

/**
 * Writes a backup of DATA_DIR's embedded database to `file`. The service may be running
 * (the backup is taken through its PostgreSQL); when it is not, PostgreSQL is started for
 * the backup and stopped after it.
 */
export async function backupEmbedded(dataDir: string, file: string, log: (message: string) => void = () => {}): Promise<BackupManifest> {
  const clusterDir = clusterOf(dataDir);
  let connectionString = runningEmbeddedPostgres(dataDir, 'postgres');
  const started = connectionString ? undefined : await startEmbeddedPostgres(dataDir, log, 'postgres');
  connectionString ??= started?.connectionString ?? '';
  const staging = mkdtempSync(path.join(tmpdir(), 'one-entry-backup-'));
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    // A temporary slot holds the log from now until this session ends, so no checkpoint
    // recycles a segment the copy needs, however long the copy takes.
    await client.query("SELECT pg_create_physical_replication_slot('one_entry_backup_' || pg_backend_pid(), true, true)");
    await client.query("SELECT pg_backup_start('one-entry backup', true)");
    const cluster = path.join(staging, 'postgres');
    copyCluster(clusterDir, cluster);
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>('SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)');
    const { lsn, labelfile, spcmapfile } = stop.rows[0] as { lsn: string; labelfile: string; spcmapfile: string };
    writeFileSync(path.join(cluster, 'backup_label'), labelfile);
    if (spcmapfile) writeFileSync(path.join(cluster, 'tablespace_map'), spcmapfile);
    copyWal(clusterDir, cluster);
    const manifest: BackupManifest = { format: FORMAT, createdAt: new Date().toISOString(), postgresVersion: readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim(), lsn };
    writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    cpSync(path.resolve(dataDir, 'postgres-password'), path.join(staging, 'postgres-password'));
    await tar.create({ gzip: true, file, cwd: staging, portable: true }, [MANIFEST, 'postgres-password', 'postgres']);
    chmodSync(file, 0o600);
    log(`backup of ${path.resolve(dataDir)} written to ${file} (PostgreSQL ${manifest.postgresVersion}, consistent at ${lsn})`);
    return manifest;
  } finally {
    await client.end().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
    await started?.stop();
  }
}

function chownTree(dir: string, runAs: RunAs): void {
  chownSync(dir, runAs.uid, runAs.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, runAs);
    else chownSync(full, runAs.uid, runAs.gid);
  }
}

/**
 * Restores a backup into DATA_DIR, which must hold no database yet, then starts and stops
 * PostgreSQL once so the log is replayed now and a broken archive is reported here, not at
 * the service's next start.
 */
export async function restoreEmbedded(dataDir: string, file: string, log: (message: string) => void = () => {}): Promise<BackupManifest> {
  if (!existsSync(file)) throw new EmbeddedDatabaseError(`There is no backup at ${file}.`);
  const link = path.resolve(dataDir, 'postgres');
  if (existsSync(path.join(link, 'PG_VERSION'))) {
    throw new EmbeddedDatabaseError(`${path.resolve(dataDir)} already holds a database. Restore into an empty DATA_DIR, or move ${link} (and what it links to) away first.`);
  }
  const staging = mkdtempSync(path.join(tmpdir(), 'one-entry-restore-'));
  try {
    await tar.extract({ file, cwd: staging, strict: true }).catch((error: unknown) => {
      throw new EmbeddedDatabaseError(`${file} cannot be read as a backup (${(error as Error).message}).`);
    });
    const manifestFile = path.join(staging, MANIFEST);
    if (!existsSync(manifestFile)) throw new EmbeddedDatabaseError(`${file} is not a backup of this service (it has no ${MANIFEST}).`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.format !== FORMAT) throw new EmbeddedDatabaseError(`${file} is a backup in format ${manifest.format}; this version reads format ${FORMAT}.`);
    const runAs = postgresRunAs();
    const clusterDir = clusterDirectory(dataDir, runAs, log);
    cpSync(path.join(staging, 'postgres'), clusterDir, { recursive: true });
    chmodSync(clusterDir, 0o700);
    if (runAs) chownTree(clusterDir, runAs);
    writeFileSync(path.resolve(dataDir, 'postgres-password'), readFileSync(path.join(staging, 'postgres-password')), { mode: 0o600 });
    const server = await startEmbeddedPostgres(dataDir, log, 'postgres');
    await server.stop();
    log(`restored ${file} into ${path.resolve(dataDir)} (backup of ${manifest.createdAt}, PostgreSQL ${manifest.postgresVersion})`);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
