import { z } from 'zod';

export const localisedTextSchema = z.object({ da: z.string(), en: z.string() }).meta({ id: 'LocalisedText' });

export const topicSchema = z
  .object({
    code: z.string(),
    name: localisedTextSchema,
    description: localisedTextSchema,
    responseDays: z.number().int().describe('Response target in working days'),
  })
  .meta({ id: 'Topic' });

export type TopicView = z.infer<typeof topicSchema>;
