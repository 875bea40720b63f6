import { z } from 'zod';
import { LANGUAGES } from './messages.js';

// The pages never answer a malformed address with a validation error: an unknown
// language falls back to Danish, and a malformed reference or token finds nothing (404).

const lang = z.enum(LANGUAGES).catch('da');

export const pageQuerySchema = z.object({ lang });

export const trackingParamsSchema = z.object({ reference: z.string().max(40).catch('') });

export const trackingQuerySchema = z.object({
  lang,
  token: z.string().max(200).optional().catch(undefined),
});

/** A urlencoded form as @fastify/formbody parses it: repeated names become lists. */
export const formBodySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
