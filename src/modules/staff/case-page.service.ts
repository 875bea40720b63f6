import { allowedTransitions, canTransfer, isActive, type SettableStatus } from '../../domain/case-state.js';
import { type CaseEventData, CaseEventType } from '../../domain/case-events.js';
import { formatEtag, type IfMatch } from '../../domain/etag.js';
import type { Caller, Principal } from '../../domain/principal.js';
import type { RoutingRule } from '../../domain/routing.js';
import type { NoteVisibility } from '../../db/schema.js';
import type { AssignmentActionKind } from '../../pages/messages.js';
import { isMember, seesEverything } from '../cases/case-access.js';
import { caseIdByReference } from '../cases/case-reference.service.js';
import { addNote, changeAssignment, involveDepartment, transferAssignment } from '../cases/case-work.service.js';
import type { AssignmentView, CaseEventView, CaseView } from '../cases/cases.schemas.js';
import { type CaseDeps, getCase, getCaseEvents, today } from '../cases/cases.service.js';
import { findTableDefinition } from '../routing/routing.repository.js';
import { findDepartmentNames, findTopicNames, type NamedDepartment, type NamedTopic } from './case-page.repository.js';

// The staff case page reads and changes a case through the cases module's services, the
// same ones the API calls, so the same access rules and history apply. What this file adds
// is what the page needs beside the case: names, the routing rules, and which actions the
// signed-in person is offered (the services decide again when the form comes back).

/** A rule of the routing table that matched the inquiry, named as the table names it. */
export interface MatchedRule {
  id: string;
  /** null when the table no longer holds the rule. */
  rule: RoutingRule | null;
}

export interface CasePage {
  today: string;
  kase: CaseView;
  events: CaseEventView[];
  /** The newest event the page shows: its forms name it, so a stale form can show what happened after. */
  lastEventId: string;
  routing: { version: number; fallbackDepartment: string | null; leadRuleId: string | null; matched: MatchedRule[] };
  departments: NamedDepartment[];
  topics: NamedTopic[];
  offers: CaseOffers;
}

/** What the page offers the signed-in person to do (the services decide again when the form comes back). */
export interface CaseOffers {
  /** Per assignment id, the actions on it. */
  assignmentActions: Map<string, AssignmentActionKind[]>;
  /** Departments whose assignment the person may transfer. */
  transferFrom: string[];
  /** Active departments not on the case, to transfer to or involve. */
  otherDepartments: string[];
  mayInvolve: boolean;
  noteVisibilities: NoteVisibility[];
  /** The departments a note may be filed under; `optional` when it may have none (coordinators). */
  noteDepartments: { codes: string[]; optional: boolean };
}

const ACTION_TARGET: Record<AssignmentActionKind, SettableStatus> = {
  claim: 'in_progress',
  wait: 'waiting',
  resume: 'in_progress',
  done: 'done',
  release: 'queued',
  reopen: 'in_progress',
};

export function targetOf(action: AssignmentActionKind): SettableStatus {
  return ACTION_TARGET[action];
}

/** The action a move from `from` to `to` is, as the page names it. */
function actionOf(from: AssignmentView['status'], to: SettableStatus): AssignmentActionKind | null {
  if (from === 'queued' && to === 'in_progress') return 'claim';
  if (from === 'in_progress' && to === 'queued') return 'release';
  if (from === 'waiting' && to === 'in_progress') return 'resume';
  if (from === 'done' && to === 'in_progress') return 'reopen';
  if (to === 'waiting') return 'wait';
  if (to === 'done') return 'done';
  return null;
}

/**
 * The actions the API would let this person take on the assignment: its department's
 * caseworkers act for themselves (take it, move their own along, release their own), a
 * coordinator moves anyone's. Taking a queued one needs someone to take it, so it is for
 * caseworkers; coordinators assign through the API.
 */
export function assignmentActions(principal: Principal, assignment: AssignmentView): AssignmentActionKind[] {
  if (!seesEverything(principal) && !isMember(principal, assignment.department)) return [];
  const assigneeId = assignment.assignee?.id ?? null;
  const own = seesEverything(principal) || assigneeId === null || assigneeId === principal.userId;
  return allowedTransitions(assignment.status).flatMap((to) => {
    if (to === 'transferred' || !own) return [];
    const action = actionOf(assignment.status, to);
    if (action === null || (action === 'claim' && principal.role !== 'caseworker')) return [];
    return [action];
  });
}

function offersFor(principal: Principal, kase: CaseView, departments: readonly NamedDepartment[]): CaseOffers {
  const active = kase.assignments.filter((a) => isActive(a.status));
  const onCase = new Set(active.map((a) => a.department));
  const everything = seesEverything(principal);
  const mine = (codes: string[]) => [...new Set(codes.filter((code) => isMember(principal, code)))];
  const activeMine = mine(active.map((a) => a.department));
  return {
    assignmentActions: new Map(kase.assignments.map((a) => [a.id, assignmentActions(principal, a)])),
    transferFrom: active.filter((a) => canTransfer(a.status) && (everything || isMember(principal, a.department))).map((a) => a.department),
    otherDepartments: departments.filter((d) => d.active && !onCase.has(d.code)).map((d) => d.code),
    mayInvolve: everything || activeMine.length > 0,
    noteVisibilities: everything || isMember(principal, kase.leadDepartment) ? ['department', 'case', 'enterprise'] : ['department', 'case'],
    noteDepartments: everything
      ? { codes: [...onCase], optional: true }
      : { codes: activeMine.length > 0 ? activeMine : mine(kase.assignments.map((a) => a.department)), optional: false },
  };
}

/** The routing decision as recorded: the latest `routed` or `rerouted` event names the rule that chose the lead. */
function leadRuleIdOf(events: readonly CaseEventView[]): string | null {
  for (const event of [...events].reverse()) {
    if (event.type === CaseEventType.routed) return (event.data as CaseEventData<'routed'>).leadRuleId;
    if (event.type === CaseEventType.rerouted) return (event.data as CaseEventData<'rerouted'>).after.leadRuleId;
  }
  return null;
}

/** Everything the case page shows, or NotFoundError when the reference is unknown or out of the caller's reach. */
export async function loadCasePage(deps: CaseDeps, caller: Caller, reference: string): Promise<CasePage> {
  const id = await caseIdByReference(deps, caller.principal, reference);
  const kase = await getCase(deps, caller, id);
  const [events, departments, topics, table] = await Promise.all([
    getCaseEvents(deps, caller, id),
    findDepartmentNames(deps.db),
    findTopicNames(deps.db, kase.inquiry.topics),
    findTableDefinition(deps.db, kase.routing.version),
  ]);
  const rules = new Map((table?.rules ?? []).map((rule) => [rule.id, rule]));
  return {
    today: today(),
    kase,
    events,
    lastEventId: events.at(-1)?.id ?? '0',
    routing: {
      version: kase.routing.version,
      fallbackDepartment: table?.fallbackDepartment ?? null,
      leadRuleId: leadRuleIdOf(events),
      matched: (kase.routing.matchedRuleIds ?? []).map((ruleId) => ({ id: ruleId, rule: rules.get(ruleId) ?? null })),
    },
    departments,
    topics,
    offers: offersFor(caller.principal, kase, departments),
  };
}

/** The events after the one a form was rendered with: what changed while the form was open. */
export function eventsAfter(events: readonly CaseEventView[], seen: string): CaseEventView[] {
  const after = BigInt(seen);
  return events.filter((event) => BigInt(event.id) > after);
}

export type CaseAction =
  | { kind: 'assignment'; department: string; action: AssignmentActionKind }
  | { kind: 'note'; body: string; visibility: NoteVisibility; department: string | undefined }
  | { kind: 'transfer'; from: string; to: string; reason: string }
  | { kind: 'involve'; department: string; reason: string };

/**
 * Makes the change through the cases module's services, on the revision the form was
 * rendered from: a case changed meanwhile is refused (PreconditionFailedError), as an API
 * client's stale If-Match is.
 */
export async function actOnCase(deps: CaseDeps, caller: Caller, reference: string, revision: number, action: CaseAction): Promise<void> {
  const id = await caseIdByReference(deps, caller.principal, reference);
  const ifMatch: IfMatch = { any: false, strongTags: [formatEtag(revision)] };
  switch (action.kind) {
    case 'assignment':
      await changeAssignment(deps, caller, id, action.department, { status: targetOf(action.action) }, ifMatch);
      return;
    case 'note':
      await addNote(deps, caller, id, { body: action.body, visibility: action.visibility, department: action.department }, ifMatch);
      return;
    case 'transfer':
      await transferAssignment(deps, caller, id, { from: action.from, to: action.to, reason: action.reason }, ifMatch);
      return;
    case 'involve':
      await involveDepartment(deps, caller, id, { department: action.department, reason: action.reason }, ifMatch);
      return;
  }
}
