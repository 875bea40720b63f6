import type { Database } from '../../db/database.js';
import { generateWebhookSecret } from '../../domain/webhook-signature.js';
import { type KeyRing, SecretsKeyError } from '../../domain/key-ring.js';
import { lockSecretsToReseal, storeSecrets, updateEndpoint } from './webhooks.repository.js';

const BATCH_SIZE = 100;

export const LOST_SECRET_REASON =
  'The service lost the key that decrypts this endpoint\'s signing secret. Rotate the secret (POST /v1/webhooks/{id}/rotate-secret), ' +
  'give the new one to the receiver, then enable the endpoint again and redeliver what it missed.';

export interface ResealOptions {
  batchSize?: number;
  /**
   * For a lost key: give each secret that no key opens a fresh random one, never shown,
   * and disable its endpoint with a reason telling its owner to rotate the secret.
   * Without it such a secret stops the run with an error naming the endpoint.
   */
  resetUnreadable?: boolean;
}

export interface ResealResult {
  /** Endpoints whose secrets were re-encrypted under the current key. */
  resealed: number;
  /** Endpoints given a new secret and disabled because their secret could not be read. */
  reset: number;
}

/**
 * Encrypts under the current key every webhook signing secret that is not yet: values
 * under a previous key, and plaintext stored before secrets were encrypted at rest. Runs
 * at start-up and as `npm run cli -- rotate-secrets`. Works in batches, each a
 * transaction holding its rows' locks, so it can run beside live traffic and beside
 * itself (an API rotation of the same endpoint waits for the batch, or the batch for it).
 * When a secret cannot be read, the batch it was in is left as it was.
 */
export async function resealWebhookSecrets(db: Database, keys: KeyRing, { batchSize = BATCH_SIZE, resetUnreadable = false }: ResealOptions = {}): Promise<ResealResult> {
  const total: ResealResult = { resealed: 0, reset: 0 };
  let afterId: string | null = null;
  for (;;) {
    const { rows, ...counts } = await db.transaction().execute(async (trx) => {
      const rows = await lockSecretsToReseal(trx, keys.currentPrefix, afterId, batchSize);
      const counts: ResealResult = { resealed: 0, reset: 0 };
      for (const row of rows) {
        let secret: string;
        let previousSecret: string | null;
        try {
          secret = keys.reseal(row.secret);
          previousSecret = row.previousSecret === null ? null : keys.reseal(row.previousSecret);
        } catch (error) {
          if (!(error instanceof SecretsKeyError)) throw error;
          if (!resetUnreadable) {
            throw new SecretsKeyError(
              `Webhook ${row.id}: ${error.message}. Give the key it was encrypted with in SECRETS_KEY_PREVIOUS; ` +
                'only if that key is lost for good, run `npm run cli -- rotate-secrets --reset-unreadable`',
            );
          }
          await storeSecrets(trx, { id: row.id, secret: keys.seal(generateWebhookSecret()), previousSecret: null });
          // Also over an earlier reason: enabled again as it was, it would sign with a secret nobody holds.
          await updateEndpoint(trx, row.id, { disabled_at: new Date(), disabled_reason: LOST_SECRET_REASON });
          counts.reset += 1;
          continue;
        }
        await storeSecrets(trx, { id: row.id, secret, previousSecret });
        counts.resealed += 1;
      }
      return { rows, ...counts };
    });
    total.resealed += counts.resealed;
    total.reset += counts.reset;
    // Rows changed by someone else while this waited for their lock may drop out of a
    // batch, so only an empty batch means the end.
    if (rows.length === 0) return total;
    afterId = rows[rows.length - 1]?.id ?? null;
  }
}
