import type { Database } from '../../db/database.js';
import type { Topic } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import type { TopicPatch, TopicView } from './topics.schemas.js';
import { listActiveTopics, updateTopic } from './topics.repository.js';

export function toTopicView(topic: Topic): TopicView {
  return {
    code: topic.code,
    name: { da: topic.name_da, en: topic.name_en },
    description: { da: topic.description_da, en: topic.description_en },
    responseDays: topic.response_days,
    public: topic.public,
  };
}

export async function listTopics(db: Database): Promise<TopicView[]> {
  return (await listActiveTopics(db)).map(toTopicView);
}

export async function changeTopic(db: Database, code: string, patch: TopicPatch): Promise<TopicView> {
  const topic = await updateTopic(db, code, {
    ...(patch.name ? { name_da: patch.name.da, name_en: patch.name.en } : {}),
    ...(patch.description ? { description_da: patch.description.da, description_en: patch.description.en } : {}),
    ...(patch.responseDays !== undefined ? { response_days: patch.responseDays } : {}),
    ...(patch.public !== undefined ? { public: patch.public } : {}),
  });
  if (!topic) throw new NotFoundError(`There is no topic ${code}.`);
  return toTopicView(topic);
}
