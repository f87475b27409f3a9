/** offset/limit/after/descending paging of /buckets, /orgs and /users, with InfluxDB's links. */
import { invalid } from './http';

export interface Page<T> {
  items: T[];
  links: { self: string; next?: string; prev?: string };
}

export function paginate<T extends { id: string }>(
  all: T[],
  path: string,
  query: URLSearchParams,
  keep: string[] = [],
): Page<T> {
  const limit = query.has('limit') ? Number(query.get('limit')) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit must be between 1 and 100');
  const offset = query.has('offset') ? Number(query.get('offset')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset must be a non-negative integer');
  const descending = query.get('descending') === 'true';
  const after = query.get('after');
  let items = descending ? [...all].reverse() : all;
  if (after) {
    const at = items.findIndex((item) => item.id === after);
    items = at === -1 ? [] : items.slice(at + 1);
  }
  const page = items.slice(offset, offset + limit);
  const link = (at: number) => {
    const params = new URLSearchParams();
    for (const key of keep) {
      const value = query.get(key);
      if (value !== null) params.set(key, value);
    }
    params.set('descending', String(descending));
    params.set('limit', String(limit));
    params.set('offset', String(at));
    return `${path}?${params.toString()}`;
  };
  return {
    items: page,
    links: {
      self: link(offset),
      ...(page.length === limit ? { next: link(offset + limit) } : {}),
      ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
    },
  };
}
