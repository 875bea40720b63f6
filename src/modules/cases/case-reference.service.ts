import { NotFoundError } from '../../errors.js';
import type { Principal } from '../../domain/principal.js';
import { findVisibleCaseIdByReference } from './case-reference.repository.js';
import type { CaseDeps } from './cases.service.js';

/**
 * The case id behind a reference, for pages addressed by the reference people quote. A
 * case outside the caller's reach is not found, exactly like an unknown reference, so
 * references cannot be probed.
 */
export async function caseIdByReference(deps: CaseDeps, principal: Principal, reference: string): Promise<string> {
  const id = await findVisibleCaseIdByReference(deps.db, principal, reference);
  if (id === null) throw new NotFoundError('No such case within your reach.');
  return id;
}
