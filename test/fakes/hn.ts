import { matchesSearch } from './keyword-match.js';
import { type ApiServer, startApiServer } from './api-server.js';

export interface FakeHnItem {
  id: number;
  type: 'story' | 'comment';
  createdAtI: number;
  author: string;
  title?: string;
  text?: string;
  points?: number;
  comments?: number;
}

/** Stand-in for Algolia's HN `search_by_date`: query, tags, `created_at_i>=` / `>` filters, page / nbPages. */
export async function startFakeHn(items: FakeHnItem[]): Promise<ApiServer> {
  return startApiServer((req) => {
    if (req.path !== '/api/v1/search_by_date') return { status: 404, body: { message: 'Not Found', status: 404 } };
    const query = req.query.get('query') ?? '';
    const filter = /created_at_i(>=|>)(\d+)/.exec(req.query.get('numericFilters') ?? '');
    const perPage = Number(req.query.get('hitsPerPage') ?? '20');
    const page = Number(req.query.get('page') ?? '0');
    const matching = items
      .filter((i) => matchesSearch(query, `${i.title ?? ''} ${i.text ?? ''}`))
      .filter((i) => !filter || (filter[1] === '>=' ? i.createdAtI >= Number(filter[2]) : i.createdAtI > Number(filter[2])))
      .sort((a, b) => b.createdAtI - a.createdAtI);
    const hits = matching.slice(page * perPage, (page + 1) * perPage).map((i) => ({
      created_at: new Date(i.createdAtI * 1000).toISOString().replace('.000', ''),
      created_at_i: i.createdAtI,
      title: i.type === 'story' ? (i.title ?? null) : null,
      url: i.type === 'story' ? `https://example.com/${i.id}` : null,
      author: i.author,
      points: i.type === 'story' ? (i.points ?? 1) : null,
      story_text: i.type === 'story' ? (i.text ?? null) : null,
      comment_text: i.type === 'comment' ? (i.text ?? '') : null,
      num_comments: i.type === 'story' ? (i.comments ?? 0) : null,
      story_id: i.type === 'comment' ? 1 : null,
      story_title: i.type === 'comment' ? 'Parent story' : null,
      parent_id: i.type === 'comment' ? 1 : null,
      _tags: [i.type, `author_${i.author}`, ...(i.type === 'story' ? [`story_${i.id}`] : [])],
      objectID: String(i.id),
      _highlightResult: {},
    }));
    return {
      body: {
        hits,
        nbHits: matching.length,
        page,
        nbPages: Math.ceil(matching.length / perPage),
        hitsPerPage: perPage,
        exhaustiveNbHits: true,
        query: req.query.get('query'),
        params: req.query.toString(),
        processingTimeMS: 1,
      },
    };
  });
}
