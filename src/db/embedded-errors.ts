/**
 * A failure to start the embedded PostgreSQL, told as one paragraph that says what
 * happened and what to do. The server prints its message alone, without a stack trace:
 * the reader is someone trying the quick start, not someone debugging this code.
 */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';
}

/** The last lines of a program's output, to quote in an error message. */
export function tail(output: string, lines = 6): string {
  return output.trim().split('\n').slice(-lines).join('\n').trim();
}
