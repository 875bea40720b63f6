import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { insertToken, insertUser } from '../../src/modules/auth/auth.repository.js';
import { generateApiToken, hashSecret } from '../../src/modules/auth/tokens.js';

export interface TestUser {
  id: string;
  token: string;
  /** The Authorization header value. */
  auth: string;
  role: Role;
  departments: string[];
}

/** A user with one API token, written straight to the database; caseworkers get department memberships. */
export async function createUserWithToken(db: Database, role: Role, departments: string[] = []): Promise<TestUser> {
  const id = await insertUser(db, { name: `Test ${role}`, email: `${role}-${randomBytes(6).toString('hex')}@example.dk`, role });
  if (departments.length > 0) {
    await db.insertInto('user_departments').values(departments.map((department_code) => ({ user_id: id, department_code }))).execute();
  }
  const token = generateApiToken();
  await insertToken(db, { userId: id, name: 'test', tokenHash: hashSecret(token) });
  return { id, token, auth: `Bearer ${token}`, role, departments };
}
