import { performance } from 'node:perf_hooks';
import { REVOCATION_BOUND_MS } from '../../src/modules/auth/principal-cache.js';

/**
 * Waits until the promised bound has passed since `committedBy`, a time (performance.now())
 * taken once the change had committed. This wait is the promise under test ("refused
 * within REVOCATION_BOUND_MS of the commit"), not a guess at how long something takes.
 */
export async function untilRevocationBoundPassed(committedBy: number): Promise<void> {
  const deadline = committedBy + REVOCATION_BOUND_MS;
  // Timers may fire a little early by this clock: wait again for what is left.
  while (performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, Math.ceil(deadline - performance.now())));
}
