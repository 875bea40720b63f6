import { z } from 'zod';

export const departmentCodeSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'Not a department code').describe('A department code, e.g. jobcenter');
