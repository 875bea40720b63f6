import { eventually } from '../support/eventually.js';

describe('waiting for a condition', () => {
  test('answers with the first value the check gives that is not false or undefined', async () => {
    let calls = 0;
    await expect(eventually(() => (++calls >= 3 ? `after ${calls}` : false))).resolves.toBe('after 3');
  });

  test('a check that never answers fails at the deadline instead of holding the test', async () => {
    await expect(eventually(() => new Promise<boolean>(() => {}), 200)).rejects.toThrow('condition not met within 200 ms');
  });

  test('the last error the check threw is named in the failure', async () => {
    await expect(
      eventually(() => {
        throw new Error('not yet');
      }, 200),
    ).rejects.toThrow('not met within 200 ms: Error: not yet');
  });
});
