import type { Database } from '../../db/database.js';
import type { Topic } from '../../db/schema.js';
import type { TopicView } from './topics.schemas.js';
import { listActiveTopics } from './topics.repository.js';

export function toTopicView(topic: Topic): TopicView {
  return {
    code: topic.code,
    name: { da: topic.name_da, en: topic.name_en },
    description: { da: topic.description_da, en: topic.description_en },
    responseDays: topic.response_days,
  };
}

export async function listTopics(db: Database): Promise<TopicView[]> {
  return (await listActiveTopics(db)).map(toTopicView);
}
