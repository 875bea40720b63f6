/**
 * Who acts: the account behind a request's token (or staff session) and its role. Pure: the auth module
 * resolves a token into a `Principal`, the other modules decide with it.
 */

/** The roles an account can have, as the API and the database spell them. */
export const ROLES = ['caseworker', 'coordinator', 'admin', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  userId: string;
  /** The API token of the request; null for a staff page signed in with a session. */
  tokenId: string | null;
  name: string;
  role: Role;
  /** Department memberships; only caseworkers have them. */
  departments: string[];
}

/** Who is asking, and the request that asks (for the access log). */
export interface Caller {
  principal: Principal;
  requestId: string;
}

/** Whether the principal has one of the roles. */
export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}
