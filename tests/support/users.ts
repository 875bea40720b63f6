import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { createUser, issueToken } from '../../src/modules/users/users.service.js';

export interface TestUser {
  id: string;
  name: string;
  token: string;
  /** The Authorization header value. */
  auth: string;
  role: Role;
  departments: string[];
  email: string;
}

let counter = 0;

/** A user with a fresh token, created through the same service the admin API uses; caseworkers get department memberships. */
export async function createUserWithToken(db: Database, role: Role, departments: string[] = [], name?: string): Promise<TestUser> {
  counter += 1;
  const label = name ?? `${role} ${departments.join('+')} ${counter}`.trim();
  const email = `${role}.${counter}.${Math.random().toString(36).slice(2, 8)}@kommune.example`;
  const user = await createUser(db, {
    name: label,
    email,
    role,
    departments,
  });
  const { token } = await issueToken(db, user.id, { name: 'test' });
  return { id: user.id, name: label, token, auth: `Bearer ${token}`, role, departments, email };
}
