import { z } from 'zod';
import { caseReferencePattern } from '../../domain/reference.js';
import { LANGUAGES } from '../../pages/messages.js';

// The pages never answer a malformed address with a validation error: an unknown
// language falls back to Danish, and a malformed reference or token finds nothing (404).

const lang = z.enum(LANGUAGES).catch('da');

export const pageQuerySchema = z.object({ lang });

/** A case reference (KOL-2026-000123), or null for anything that cannot be one. */
export const trackingParamsSchema = z.object({ reference: z.string().max(40).regex(caseReferencePattern).nullable().catch(null) });

export const trackingQuerySchema = z.object({
  lang,
  token: z.string().max(200).optional().catch(undefined),
});

/** A urlencoded form as @fastify/formbody parses it: repeated names become lists. */
export const formBodySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
