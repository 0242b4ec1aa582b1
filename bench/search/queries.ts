import type { CorpusDoc } from './corpus.js';
import { TOPICS, type TopicKey } from './topics.js';

export interface JudgedQuery {
  readonly query: string;
  readonly topic: TopicKey;
  /** Ids of documents judged relevant, in corpus order. */
  readonly relevant: ReadonlySet<string>;
}

/**
 * The 30 benchmark queries (two key phrases per topic) with their relevance judgements for
 * `docs`: a document is relevant when its primary topic is the query's topic and its title or
 * body contains the query phrase. Documents of other topics that mention the phrase in passing
 * are deliberately not relevant, so a ranking that rewards focus scores higher.
 */
export function judgedQueries(docs: readonly CorpusDoc[]): JudgedQuery[] {
  return TOPICS.flatMap((topic) =>
    topic.phrases.slice(0, 2).map((query) => ({
      query,
      topic: topic.key,
      relevant: new Set(
        docs.filter((d) => d.topic === topic.key && (d.title.includes(query) || d.body.includes(query))).map((d) => d.id),
      ),
    })),
  );
}

/** Share of the first k ranked ids that are relevant (k in the denominator, as in TREC). */
export function precisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}
