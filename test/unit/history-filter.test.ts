import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '$contract/history';
import { actionLabel, emptyHistoryQuery, filterHistory } from '../../renderer/src/lib/history-filter';

const entry = (action: HistoryEntry['action'], extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `${action}-${extra.description ?? ''}`,
  desk: 'alice@laptop',
  product: 'OSS 2.7',
  at: '2026-11-29T10:00:00Z',
  connectionId: 'c1',
  connectionName: 'prod',
  url: 'https://a',
  action,
  target: '0a',
  description: '',
  outcome: 'ok',
  detail: '',
  ...extra,
});
const entries = [
  entry('token.delete', { description: 'Edge gateway' }),
  entry('v1.create', { description: 'grafana', connectionId: 'c2', url: 'https://b', desk: 'bob@desktop' }),
  entry('token.create', { outcome: 'failed', detail: 'refused' }),
];

describe('the history filter', () => {
  it('searches descriptions, action labels and failures; filters by server, desk, area and outcome', () => {
    const find = (q: Partial<ReturnType<typeof emptyHistoryQuery>>) =>
      filterHistory(entries, { ...emptyHistoryQuery(), ...q }).map((e) => e.action);
    expect(find({ text: 'edge' })).toEqual(['token.delete']);
    expect(find({ text: 'deleted' })).toEqual(['token.delete']);
    expect(find({ text: 'refused' })).toEqual(['token.create']);
    expect(find({ connection: 'https://b' })).toEqual(['v1.create']);
    expect(find({ desk: 'bob@desktop' })).toEqual(['v1.create']);
    expect(find({ text: 'bob' })).toEqual(['v1.create']);
    expect(find({ area: 'token' })).toEqual(['token.delete', 'token.create']);
    expect(find({ outcome: 'failed' })).toEqual(['token.create']);
  });

  it('keeps a team record whose action this version does not know, named as it was written', () => {
    const newer = { ...entries[0]!, action: 'token.teleport' };
    expect(filterHistory([newer], { ...emptyHistoryQuery(), text: 'teleport' })).toEqual([newer]);
    expect(actionLabel('token.teleport')).toBe('token.teleport');
    expect(actionLabel('token.delete')).toBe('Token deleted');
  });
});
