import { z } from 'zod';

/**
 * Process-wide zod settings, applied by every entry point that validates input (the app,
 * the command line): a missing field says "Required" rather than zod's type-mismatch
 * wording, which names a type the person typing never sees.
 */
export function configureZod(): void {
  z.config({
    customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined),
  });
}
