import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { insertToken, insertUser } from '../../src/modules/auth/auth.repository.js';
import { generateApiToken, hashSecret } from '../../src/modules/auth/tokens.js';

export interface TestUser {
  userId: string;
  token: string;
  role: Role;
  departments: string[];
}

/** A user of the given role (with department memberships for caseworkers) and a fresh API token. */
export async function createUserWithToken(db: Database, role: Role, departments: string[] = []): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const userId = await insertUser(db, { name: `Test ${role} ${suffix}`, email: `${role}-${suffix}@example.dk`, role });
  if (departments.length > 0) {
    await db.insertInto('user_departments').values(departments.map((department_code) => ({ user_id: userId, department_code }))).execute();
  }
  const token = generateApiToken();
  await insertToken(db, { userId, name: 'test', tokenHash: hashSecret(token) });
  return { userId, token, role, departments };
}
