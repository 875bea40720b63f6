import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { RoutingInput, RoutingRule } from '../../domain/routing.js';
import { analyseRoutingTable } from '../../domain/routing-analysis.js';
import { type CompiledRoutingTable, compileRoutingTable } from '../../domain/routing-compiled.js';
import { diffRoutingTables } from '../../domain/routing-diff.js';
import { explainRouting } from '../../domain/routing-explain.js';
import { type RoutingCatalogue, type TableIssue, validateRoutingTable } from '../../domain/routing-validation.js';
import { AppError, ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import type { Principal } from '../../domain/principal.js';
import { type PublishedRoutingTable, ROUTING_PUBLISHED_CHANNEL } from './published-table.js';
import {
  type GoldenCaseRow,
  type TableEventRow,
  type TableRow,
  deleteGoldenCase,
  findCatalogue,
  findPublishedVersion,
  findTable,
  findTableDefinition,
  insertDraft,
  insertGoldenCase,
  insertTableEvents,
  listGoldenCases,
  listTableEvents,
  listTables,
  lockPublishing,
  lockTable,
  markPublished,
  notifyPublished,
  retirePublished,
  updateDraft,
} from './routing.repository.js';
import type { GoldenCaseInput, RoutingInquiryInput, StoredInquiry, TableInput } from './routing.schemas.js';

export interface RoutingDeps {
  db: Database;
  routing: PublishedRoutingTable;
}

// ---------------------------------------------------------------- views

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function etagOf(row: Pick<TableRow, 'version' | 'revision'>): string {
  return `"${row.version}.${row.revision}"`;
}

function toSummary(row: TableRow) {
  return {
    version: row.version,
    status: row.status,
    fallbackDepartment: row.fallbackDepartment,
    ruleCount: row.rules.length,
    note: row.note,
    copiedFrom: row.copiedFrom,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
    updatedAt: iso(row.updatedAt),
    updatedBy: row.updatedBy,
    publishedAt: isoOrNull(row.publishedAt),
    publishedBy: row.publishedBy,
    publishReason: row.publishReason,
    publishForced: row.publishForced,
    retiredAt: isoOrNull(row.retiredAt),
  };
}

function toTableView(row: TableRow, history: TableEventRow[], catalogue: RoutingCatalogue) {
  return {
    ...toSummary(row),
    rules: row.rules,
    warnings: analyseRoutingTable(row, catalogue),
    history: history.map((event) => ({ action: event.action, at: iso(event.at), by: event.by, details: event.data })),
  };
}
export type TableView = ReturnType<typeof toTableView>;

async function tableView(db: Database, version: number): Promise<{ view: TableView; etag: string }> {
  const row = await findTable(db, version);
  if (!row) throw new NotFoundError(`No routing table version ${version}.`);
  const [history, catalogue] = await Promise.all([listTableEvents(db, version), findCatalogue(db)]);
  return { view: toTableView(row, history, catalogue), etag: etagOf(row) };
}

// ---------------------------------------------------------------- tables

export async function listTableSummaries(db: Database) {
  return (await listTables(db)).map(toSummary);
}

export const getTable = tableView;

function prefixed(issues: TableIssue[], prefix: string) {
  return issues.map((issue) => ({ path: prefix ? `${prefix}.${issue.path}` : issue.path, message: issue.message }));
}

/** Gives rules without an id one that no other rule of the table has. */
function withRuleIds(rules: TableInput['rules']): RoutingRule[] {
  const taken = new Set(rules.flatMap((rule) => (rule.id ? [rule.id] : [])));
  return rules.map((rule) => {
    if (rule.id) return { ...rule, id: rule.id };
    let id: string;
    do id = `rule-${randomBytes(4).toString('hex')}`;
    while (taken.has(id));
    taken.add(id);
    return { ...rule, id };
  });
}

/** Checks a table against the catalogue; throws a 400 naming each bad field under `pathPrefix`. */
function validatedTable(input: TableInput, catalogue: RoutingCatalogue, pathPrefix: string) {
  const table = { fallbackDepartment: input.fallbackDepartment, rules: withRuleIds(input.rules), note: input.note ?? null };
  const issues = validateRoutingTable(table, catalogue);
  if (issues.length > 0) throw new ValidationError(prefixed(issues, pathPrefix), 'The routing table has invalid rules or references.');
  return table;
}

export async function createDraft(
  db: Database,
  input: { copyFrom?: number | undefined; fallbackDepartment?: string | undefined; note?: string | null | undefined },
  principal: Principal,
): Promise<{ view: TableView; etag: string }> {
  const version = await db.transaction().execute(async (trx) => {
    let fallbackDepartment = input.fallbackDepartment;
    let rules: RoutingRule[] = [];
    if (input.copyFrom !== undefined) {
      const source = await findTableDefinition(trx, input.copyFrom);
      if (!source) throw new ValidationError([{ path: 'body.copyFrom', message: `No routing table version ${input.copyFrom}` }]);
      fallbackDepartment ??= source.fallbackDepartment;
      rules = source.rules;
    }
    if (fallbackDepartment === undefined) {
      const published = await findPublishedVersion(trx);
      fallbackDepartment = published === null ? undefined : (await findTableDefinition(trx, published))?.fallbackDepartment;
    }
    if (fallbackDepartment === undefined) throw new ValidationError([{ path: 'body.fallbackDepartment', message: 'Required: no table is published to take it from' }]);
    const catalogue = await findCatalogue(trx);
    if (!catalogue.departments.includes(fallbackDepartment)) {
      throw new ValidationError([{ path: 'body.fallbackDepartment', message: `Unknown department: ${fallbackDepartment}` }]);
    }
    const created = await insertDraft(trx, {
      fallbackDepartment,
      rules,
      note: input.note ?? null,
      createdBy: principal.userId,
      copiedFrom: input.copyFrom ?? null,
    });
    await insertTableEvents(trx, [
      { version: created, action: 'created', actorId: principal.userId, data: input.copyFrom === undefined ? {} : { copiedFrom: input.copyFrom } },
    ]);
    return created;
  });
  return tableView(db, version);
}

function assertDraft(version: number, status: string): void {
  if (status !== 'draft') {
    throw new ConflictError(`Version ${version} is ${status}; published and retired tables never change. Create a draft from it instead.`);
  }
}

export async function replaceDraft(
  db: Database,
  version: number,
  input: TableInput,
  principal: Principal,
  ifMatch?: string,
): Promise<{ view: TableView; etag: string }> {
  await db.transaction().execute(async (trx) => {
    const locked = await lockTable(trx, version);
    if (!locked) throw new NotFoundError(`No routing table version ${version}.`);
    assertDraft(version, locked.status);
    if (ifMatch !== undefined && ifMatch !== etagOf({ version, revision: locked.revision })) {
      throw new AppError(412, 'precondition-failed', 'Precondition failed', 'The draft was changed since you read it; read it again and reapply your change.');
    }
    const table = validatedTable(input, await findCatalogue(trx), 'body');
    await updateDraft(trx, version, { ...table, updatedBy: principal.userId });
    await insertTableEvents(trx, [{ version, action: 'edited', actorId: principal.userId, data: { ruleCount: table.rules.length } }]);
  });
  return tableView(db, version);
}

/** Creates a draft from a table read from a file (the import command). */
export async function importDraft(db: Database, input: TableInput, source: { file: string }): Promise<{ view: TableView }> {
  const version = await db.transaction().execute(async (trx) => {
    const table = validatedTable(input, await findCatalogue(trx), '');
    const created = await insertDraft(trx, { ...table, createdBy: null, copiedFrom: null });
    await insertTableEvents(trx, [{ version: created, action: 'imported', actorId: null, data: source }]);
    return created;
  });
  return tableView(db, version);
}

/** A table in the form the export command writes and the import command reads. */
export async function exportTable(db: Database, version?: number) {
  const chosen = version ?? (await findPublishedVersion(db));
  if (chosen === null) throw new NotFoundError('No routing table is published.');
  const row = await findTable(db, chosen);
  if (!row) throw new NotFoundError(`No routing table version ${chosen}.`);
  return { version: row.version, status: row.status, note: row.note, fallbackDepartment: row.fallbackDepartment, rules: row.rules };
}

// ---------------------------------------------------------------- golden cases and publishing

export function toRoutingInput(inquiry: StoredInquiry): RoutingInput {
  return {
    topics: inquiry.topics,
    subject: inquiry.subject,
    description: inquiry.description,
    employees: inquiry.enterprise.employees,
    postcode: inquiry.enterprise.postcode,
    registeredSocialEnterprise: inquiry.enterprise.registeredSocialEnterprise,
  };
}

/** Keeps only what routing reads, so no contact data is stored with a golden case. */
function storedInquiry(input: RoutingInquiryInput): StoredInquiry {
  return {
    topics: input.topics,
    subject: input.subject,
    description: input.description,
    enterprise: {
      postcode: input.enterprise?.postcode ?? null,
      employees: input.enterprise?.employees ?? null,
      registeredSocialEnterprise: input.enterprise?.registeredSocialEnterprise ?? null,
    },
  };
}

function unknownCodes(codes: readonly string[], known: readonly string[], path: string, what: string) {
  return codes.flatMap((code, index) => (known.includes(code) ? [] : [{ path: `${path}.${index}`, message: `Unknown ${what}: ${code}` }]));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

function checkGoldenCase(golden: GoldenCaseRow, table: CompiledRoutingTable) {
  const decision = table.route(toRoutingInput(golden.inquiry as StoredInquiry));
  const actual = { lead: decision.lead, involved: decision.involved };
  const passed = actual.lead === golden.expectedLead && sameSet(actual.involved, golden.expectedInvolved);
  return { version: decision.version, passed, actual };
}

function toGoldenView(golden: GoldenCaseRow, table: CompiledRoutingTable | null) {
  return {
    id: golden.id,
    name: golden.name,
    inquiry: golden.inquiry as StoredInquiry,
    expected: { lead: golden.expectedLead, involved: golden.expectedInvolved },
    createdAt: iso(golden.createdAt),
    createdBy: golden.createdBy,
    check: table ? checkGoldenCase(golden, table) : null,
  };
}

async function publishedOrNull(routing: PublishedRoutingTable): Promise<CompiledRoutingTable | null> {
  try {
    return await routing.latest();
  } catch {
    return null;
  }
}

export async function listGoldenCaseViews(deps: RoutingDeps) {
  const [cases, table] = await Promise.all([listGoldenCases(deps.db), publishedOrNull(deps.routing)]);
  return cases.map((golden) => toGoldenView(golden, table));
}

/**
 * Every golden case checked against the published table (`check`, as in the list) and
 * against `version` too (`against`): how a draft being tested would route them before it
 * is published.
 */
export async function listGoldenCasesCheckedAgainst(deps: RoutingDeps, version: number) {
  const [cases, definition, published] = await Promise.all([listGoldenCases(deps.db), findTableDefinition(deps.db, version), publishedOrNull(deps.routing)]);
  if (!definition) throw new NotFoundError(`No routing table version ${version}.`);
  const table = compileRoutingTable(definition);
  return cases.map((golden) => ({ ...toGoldenView(golden, published), against: checkGoldenCase(golden, table) }));
}
export type GoldenCaseView = ReturnType<typeof toGoldenView>;

export async function createGoldenCase(deps: RoutingDeps, input: GoldenCaseInput, principal: Principal) {
  const catalogue = await findCatalogue(deps.db);
  const issues = [
    ...unknownCodes(input.inquiry.topics, catalogue.topics, 'body.inquiry.topics', 'topic'),
    ...(catalogue.departments.includes(input.expected.lead) ? [] : [{ path: 'body.expected.lead', message: `Unknown department: ${input.expected.lead}` }]),
    ...unknownCodes(input.expected.involved, catalogue.departments, 'body.expected.involved', 'department'),
  ];
  if (input.expected.involved.includes(input.expected.lead)) {
    issues.push({ path: 'body.expected.involved', message: 'The lead department is not also involved' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const id = await insertGoldenCase(deps.db, {
    name: input.name,
    inquiry: storedInquiry(input.inquiry),
    expectedLead: input.expected.lead,
    expectedInvolved: [...new Set(input.expected.involved)],
    createdBy: principal.userId,
  });
  const [created] = await listGoldenCases(deps.db, id);
  return toGoldenView(created as GoldenCaseRow, await publishedOrNull(deps.routing));
}

export async function removeGoldenCase(db: Database, id: string): Promise<void> {
  if (!(await deleteGoldenCase(db, id))) throw new NotFoundError('No golden case with that id.');
}

export interface PublishRequest {
  force: boolean;
  reason?: string | undefined;
}

/**
 * Publishes a draft in one transaction: re-validates it against today's catalogue, runs
 * the golden cases against it, retires the published table, publishes the draft and
 * notifies every process. Refused (422) when a golden case fails, unless forced with a
 * reason. The notification is delivered only on commit, so no process sees a table that
 * was not published.
 */
export async function publishDraft(deps: RoutingDeps, version: number, request: PublishRequest, principal: Principal) {
  if (request.force && !request.reason) {
    throw new ValidationError([{ path: 'body.reason', message: 'A reason is required to publish with force' }]);
  }
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockPublishing(trx);
    const locked = await lockTable(trx, version);
    if (!locked) throw new NotFoundError(`No routing table version ${version}.`);
    assertDraft(version, locked.status);
    const definition = await findTableDefinition(trx, version);
    if (!definition) throw new NotFoundError(`No routing table version ${version}.`);

    const issues = validateRoutingTable(definition, await findCatalogue(trx));
    if (issues.length > 0) {
      throw new UnprocessableError('routing-table-invalid', 'Routing table is not usable', `Version ${version} refers to topics or departments that no longer exist, or has invalid rules; fix the draft first.`, { errors: issues });
    }

    const golden = await listGoldenCases(trx);
    const compiled = compileRoutingTable(definition);
    const failed = golden.flatMap((g) => {
      const check = checkGoldenCase(g, compiled);
      return check.passed ? [] : [{ id: g.id, name: g.name, expected: { lead: g.expectedLead, involved: g.expectedInvolved }, actual: check.actual }];
    });
    if (failed.length > 0 && !request.force) {
      throw new UnprocessableError(
        'golden-cases-failed',
        'Golden cases fail',
        `${failed.length} of ${golden.length} golden cases would be routed differently by version ${version}. Fix the draft, or publish with force and a reason.`,
        { failures: failed },
      );
    }

    const retiredVersion = await retirePublished(trx);
    const forced = failed.length > 0;
    await markPublished(trx, version, { by: principal.userId, reason: request.reason ?? null, forced });
    await insertTableEvents(trx, [
      ...(retiredVersion === null ? [] : [{ version: retiredVersion, action: 'retired' as const, actorId: principal.userId, data: { replacedBy: version } }]),
      {
        version,
        action: 'published',
        actorId: principal.userId,
        data: {
          ...(request.reason ? { reason: request.reason } : {}),
          forced,
          ...(forced ? { failedGoldenCases: failed.map((f) => f.id) } : {}),
          ...(retiredVersion === null ? {} : { replaced: retiredVersion }),
        },
      },
    ]);
    await notifyPublished(trx, ROUTING_PUBLISHED_CHANNEL, version);
    return { retiredVersion, goldenCases: { total: golden.length, failed } };
  });
  // This process need not wait for its own notification.
  await deps.routing.refresh().catch(() => {});
  return { table: (await tableView(deps.db, version)).view, ...outcome };
}

// ---------------------------------------------------------------- simulation and diff

export async function simulate(deps: RoutingDeps, inquiry: RoutingInquiryInput, version?: number) {
  const catalogue = await findCatalogue(deps.db);
  const unknown = unknownCodes(inquiry.topics, catalogue.topics, 'body.inquiry.topics', 'topic');
  if (unknown.length > 0) throw new ValidationError(unknown);
  const chosen = version ?? (await findPublishedVersion(deps.db));
  if (chosen === null) throw new NotFoundError('No routing table is published.');
  const definition = await findTableDefinition(deps.db, chosen);
  if (!definition) throw new NotFoundError(`No routing table version ${chosen}.`);
  const explanation = explainRouting(definition, toRoutingInput(storedInquiry(inquiry)));
  return { version: chosen, ...explanation };
}

export async function diffTables(db: Database, version: number, against?: number) {
  const row = await findTable(db, version);
  if (!row) throw new NotFoundError(`No routing table version ${version}.`);
  const base = against ?? row.copiedFrom ?? (await findPublishedVersion(db));
  if (base === null) throw new ValidationError([{ path: 'query.against', message: 'Required: this version has no source and nothing is published' }]);
  const other = await findTable(db, base);
  if (!other) throw new NotFoundError(`No routing table version ${base}.`);
  return { version, against: base, ...diffRoutingTables(other, row) };
}
