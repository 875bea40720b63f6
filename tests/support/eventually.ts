const POLL_INTERVAL_MS = 50;

class Timeout extends Error {}

/** The check's answer, or a Timeout once the deadline has passed while it is still out. */
async function beforeDeadline<T>(answer: Promise<T> | T, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([answer, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls until `check` returns a value that is not false/undefined, and fails `timeoutMs`
 * after it was called: call it right after the event whose effect it waits for, so that the
 * deadline counts from that event. The timeout is generous on purpose (a shared, busy
 * machine is slow, not wrong); a check that hangs itself, such as a query stuck behind a
 * lock, fails at the deadline too instead of holding the test until jest gives up on it.
 */
export async function eventually<T>(check: () => Promise<T | false | undefined> | T | false | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await beforeDeadline(check(), deadline);
      if (value !== false && value !== undefined) return value;
    } catch (error) {
      if (!(error instanceof Timeout)) lastError = error;
    }
    if (Date.now() >= deadline) throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now()))));
  }
}
