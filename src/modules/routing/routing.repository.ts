import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB, RoutingTableAction, RoutingTableStatus } from '../../db/schema.js';
import type { RoutingRule, RoutingTableDefinition } from '../../domain/routing.js';
import type { RoutingCatalogue } from '../../domain/routing-validation.js';

// Publishes are serialised on this advisory lock, so two publishes never interleave
// between retiring the old table and publishing the new one.
const PUBLISH_LOCK = 7436101;

export async function findPublishedVersion(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('routing_tables').select('version').where('status', '=', 'published').executeTakeFirst();
  return row?.version ?? null;
}

export async function findTableDefinition(db: Kysely<DB>, version: number): Promise<RoutingTableDefinition | null> {
  const row = await db
    .selectFrom('routing_tables')
    .select(['version', 'fallback_department', 'rules'])
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  return { version: row.version, fallbackDepartment: row.fallback_department, rules: row.rules as RoutingRule[] };
}

export async function findCatalogue(db: Kysely<DB>): Promise<RoutingCatalogue> {
  const [topics, departments] = await Promise.all([
    db.selectFrom('topics').select('code').where('active', '=', true).orderBy('sort_order').orderBy('code').execute(),
    db.selectFrom('departments').select('code').where('active', '=', true).orderBy('code').execute(),
  ]);
  return { topics: topics.map((t) => t.code), departments: departments.map((d) => d.code) };
}

export interface ActorRow {
  id: string;
  name: string;
}

export interface TableRow {
  version: number;
  status: RoutingTableStatus;
  fallbackDepartment: string;
  rules: RoutingRule[];
  note: string | null;
  revision: number;
  copiedFrom: number | null;
  createdAt: Date;
  createdBy: ActorRow | null;
  updatedAt: Date;
  updatedBy: ActorRow | null;
  publishedAt: Date | null;
  publishedBy: ActorRow | null;
  publishReason: string | null;
  publishForced: boolean;
  retiredAt: Date | null;
}

function actor(id: string | null, name: string | null): ActorRow | null {
  return id === null ? null : { id, name: name ?? '' };
}

function selectTables(db: Kysely<DB>) {
  return db
    .selectFrom('routing_tables as t')
    .leftJoin('users as cu', 'cu.id', 't.created_by')
    .leftJoin('users as uu', 'uu.id', 't.updated_by')
    .leftJoin('users as pu', 'pu.id', 't.published_by')
    .select([
      't.version',
      't.status',
      't.fallback_department',
      't.rules',
      't.note',
      't.revision',
      't.copied_from',
      't.created_at',
      't.created_by',
      'cu.name as created_by_name',
      't.updated_at',
      't.updated_by',
      'uu.name as updated_by_name',
      't.published_at',
      't.published_by',
      'pu.name as published_by_name',
      't.publish_reason',
      't.publish_forced',
      't.retired_at',
    ]);
}

type SelectedTable = Awaited<ReturnType<ReturnType<typeof selectTables>['executeTakeFirstOrThrow']>>;

function toTableRow(row: SelectedTable): TableRow {
  return {
    version: row.version,
    status: row.status,
    fallbackDepartment: row.fallback_department,
    rules: row.rules as RoutingRule[],
    note: row.note,
    revision: row.revision,
    copiedFrom: row.copied_from,
    createdAt: row.created_at,
    createdBy: actor(row.created_by, row.created_by_name),
    updatedAt: row.updated_at,
    updatedBy: actor(row.updated_by, row.updated_by_name),
    publishedAt: row.published_at,
    publishedBy: actor(row.published_by, row.published_by_name),
    publishReason: row.publish_reason,
    publishForced: row.publish_forced,
    retiredAt: row.retired_at,
  };
}

/** Every version, newest first. */
export async function listTables(db: Kysely<DB>): Promise<TableRow[]> {
  return (await selectTables(db).orderBy('t.version', 'desc').execute()).map(toTableRow);
}

export async function findTable(db: Kysely<DB>, version: number): Promise<TableRow | null> {
  const row = await selectTables(db).where('t.version', '=', version).executeTakeFirst();
  return row ? toTableRow(row) : null;
}

/** Locks a version's row for the rest of the transaction (edits and publishes of one draft serialise here). */
export async function lockTable(
  trx: Transaction<DB>,
  version: number,
): Promise<{ status: RoutingTableStatus; revision: number } | null> {
  const row = await trx
    .selectFrom('routing_tables')
    .select(['status', 'revision'])
    .where('version', '=', version)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

export async function lockPublishing(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})`.execute(trx);
}

export interface NewDraft {
  fallbackDepartment: string;
  rules: RoutingRule[];
  note: string | null;
  createdBy: string | null;
  copiedFrom: number | null;
}

export async function insertDraft(trx: Transaction<DB>, draft: NewDraft): Promise<number> {
  const row = await trx
    .insertInto('routing_tables')
    .values({
      status: 'draft',
      fallback_department: draft.fallbackDepartment,
      rules: JSON.stringify(draft.rules),
      note: draft.note,
      created_by: draft.createdBy,
      updated_by: draft.createdBy,
      copied_from: draft.copiedFrom,
    })
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function updateDraft(
  trx: Transaction<DB>,
  version: number,
  change: { fallbackDepartment: string; rules: RoutingRule[]; note: string | null; updatedBy: string },
): Promise<void> {
  await trx
    .updateTable('routing_tables')
    .set((eb) => ({
      fallback_department: change.fallbackDepartment,
      rules: JSON.stringify(change.rules),
      note: change.note,
      updated_by: change.updatedBy,
      updated_at: sql<Date>`now()`,
      revision: eb('revision', '+', 1),
    }))
    .where('version', '=', version)
    .execute();
}

/** Retires the published table, if any; returns its version. */
export async function retirePublished(trx: Transaction<DB>): Promise<number | null> {
  const row = await trx
    .updateTable('routing_tables')
    .set({ status: 'retired', retired_at: sql<Date>`now()` })
    .where('status', '=', 'published')
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function markPublished(
  trx: Transaction<DB>,
  version: number,
  publish: { by: string; reason: string | null; forced: boolean },
): Promise<void> {
  await trx
    .updateTable('routing_tables')
    .set((eb) => ({
      status: 'published',
      published_at: sql<Date>`now()`,
      published_by: publish.by,
      publish_reason: publish.reason,
      publish_forced: publish.forced,
      revision: eb('revision', '+', 1),
    }))
    .where('version', '=', version)
    .execute();
}

/** Tells every process listening that a version is published; delivered only if the transaction commits. */
export async function notifyPublished(trx: Transaction<DB>, channel: string, version: number): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${String(version)})`.execute(trx);
}

export interface NewTableEvent {
  version: number;
  action: RoutingTableAction;
  actorId: string | null;
  data?: Record<string, unknown>;
}

export async function insertTableEvents(trx: Transaction<DB>, events: NewTableEvent[]): Promise<void> {
  await trx
    .insertInto('routing_table_events')
    .values(events.map((e) => ({ version: e.version, action: e.action, actor_id: e.actorId, data: JSON.stringify(e.data ?? {}) })))
    .execute();
}

export interface TableEventRow {
  action: RoutingTableAction;
  at: Date;
  by: ActorRow | null;
  data: Record<string, unknown>;
}

export async function listTableEvents(db: Kysely<DB>, version: number): Promise<TableEventRow[]> {
  const rows = await db
    .selectFrom('routing_table_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.created_at', 'e.actor_id', 'u.name', 'e.data'])
    .where('e.version', '=', version)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ action: r.action, at: r.created_at, by: actor(r.actor_id, r.name), data: r.data as Record<string, unknown> }));
}

export interface GoldenCaseRow {
  id: string;
  name: string;
  inquiry: unknown;
  expectedLead: string;
  expectedInvolved: string[];
  createdAt: Date;
  createdBy: ActorRow | null;
}

/** Every golden case, oldest first, or just the one with `id`. */
export async function listGoldenCases(db: Kysely<DB>, id?: string): Promise<GoldenCaseRow[]> {
  let query = db
    .selectFrom('routing_golden_cases as g')
    .leftJoin('users as u', 'u.id', 'g.created_by')
    .select(['g.id', 'g.name', 'g.inquiry', 'g.expected_lead', 'g.expected_involved', 'g.created_at', 'g.created_by', 'u.name as created_by_name'])
    .orderBy('g.created_at')
    .orderBy('g.id');
  if (id !== undefined) query = query.where('g.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    inquiry: r.inquiry,
    expectedLead: r.expected_lead,
    expectedInvolved: r.expected_involved,
    createdAt: r.created_at,
    createdBy: actor(r.created_by, r.created_by_name),
  }));
}

export async function insertGoldenCase(
  db: Kysely<DB>,
  golden: { name: string; inquiry: unknown; expectedLead: string; expectedInvolved: string[]; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('routing_golden_cases')
    .values({
      name: golden.name,
      inquiry: JSON.stringify(golden.inquiry),
      expected_lead: golden.expectedLead,
      expected_involved: golden.expectedInvolved,
      created_by: golden.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteGoldenCase(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('routing_golden_cases').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
