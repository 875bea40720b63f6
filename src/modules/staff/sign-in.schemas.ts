import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';

// The sign-in pages, like the other staff pages, never answer a malformed address with a
// validation error: an unknown language falls back to Danish, anything that cannot be a
// notice or a page to go on to is ignored (where `next` may lead is checked by safeNextPath).

const lang = z.enum(LANGUAGES).catch('da');
const next = z.string().max(500).optional().catch(undefined);

export const signInPageQuerySchema = z.object({ lang, next, notice: z.enum(['signedOut', 'expired']).optional().catch(undefined) });

export const oidcStartQuerySchema = z.object({ lang, next });

/** The identity provider's answer: `code` and `state`, or `error`; the rest is the provider's business (openid-client reads it). */
export const oidcCallbackQuerySchema = z.looseObject({
  state: z.string().max(1000).optional().catch(undefined),
  error: z.string().max(200).optional().catch(undefined),
});

export const linkPageQuerySchema = z.object({ lang, next });

export const linkParamsSchema = z.object({ code: z.string().max(100) });

export const linkFormSchema = z.object({ _csrf: z.string().max(200).optional(), lang, next });
