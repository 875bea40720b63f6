import { z } from 'zod';
import { freeText, singleLine } from '../../schemas/text.js';

export const localisedTextSchema = z.object({ da: z.string(), en: z.string() }).meta({ id: 'LocalisedText' });

export const topicSchema = z
  .object({
    code: z.string(),
    name: localisedTextSchema,
    description: localisedTextSchema,
    responseDays: z.number().int().describe('Response target in working days'),
    public: z.boolean().describe('Shown in the public transparency figures'),
  })
  .meta({ id: 'Topic' });

export const topicParamsSchema = z.object({ code: z.string().min(1).max(64).describe('The topic code') });

export const topicPatchSchema = z
  .strictObject({
    name: z.strictObject({ da: singleLine(1, 100), en: singleLine(1, 100) }).optional(),
    description: z.strictObject({ da: freeText(1, 500), en: freeText(1, 500) }).optional(),
    responseDays: z.number().int().min(1).max(60).optional().describe('Response target in working days, for inquiries received from now on'),
    public: z.boolean().optional().describe('Show the topic in the public transparency figures (from the next statistics snapshot)'),
  })
  .meta({ id: 'TopicPatch' });

export type TopicPatch = z.infer<typeof topicPatchSchema>;

export type TopicView = z.infer<typeof topicSchema>;
