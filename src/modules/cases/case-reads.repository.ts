import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from '../../domain/principal.js';

export interface CaseRead {
  caseId: string;
  userId: string;
  tokenId: string | null;
  role: Role;
  /** What showed the case: the operation id of the request. */
  action: string;
  requestId: string | null;
}

/** The access-log row of a read. */
export function caseReadRow(read: CaseRead) {
  return {
    case_id: read.caseId,
    user_id: read.userId,
    token_id: read.tokenId,
    role: read.role,
    action: read.action,
    request_id: read.requestId,
  };
}

/** Records that someone was shown a case's personal data. */
export async function recordCaseRead(db: Kysely<DB>, read: CaseRead): Promise<void> {
  await db.insertInto('case_reads').values(caseReadRow(read)).execute();
}

export interface CaseReadRow {
  id: string;
  userId: string;
  userName: string;
  role: Role;
  tokenId: string | null;
  action: string;
  requestId: string | null;
  readAt: Date;
}

/** A case's access log, newest first, one keyset page after the row id `before`. */
export async function findCaseReads(db: Kysely<DB>, caseId: string, limit: number, before?: string): Promise<CaseReadRow[]> {
  let query = db
    .selectFrom('case_reads as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'r.id',
      'r.user_id as userId',
      'u.name as userName',
      'r.role',
      'r.token_id as tokenId',
      'r.action',
      'r.request_id as requestId',
      'r.read_at as readAt',
    ])
    .where('r.case_id', '=', caseId);
  if (before !== undefined) query = query.where('r.id', '<', before);
  return query.orderBy('r.id', 'desc').limit(limit).execute();
}
