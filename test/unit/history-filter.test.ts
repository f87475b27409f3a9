import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '$contract/history';
import { emptyHistoryQuery, filterHistory } from '../../renderer/src/lib/history-filter';

const entry = (action: HistoryEntry['action'], extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
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
  entry('v1.create', { description: 'grafana', connectionId: 'c2' }),
  entry('token.create', { outcome: 'failed', detail: 'refused' }),
];

describe('the history filter', () => {
  it('searches descriptions, action labels and failures; filters by connection, area and outcome', () => {
    const find = (q: Partial<ReturnType<typeof emptyHistoryQuery>>) =>
      filterHistory(entries, { ...emptyHistoryQuery(), ...q }).map((e) => e.action);
    expect(find({ text: 'edge' })).toEqual(['token.delete']);
    expect(find({ text: 'deleted' })).toEqual(['token.delete']);
    expect(find({ text: 'refused' })).toEqual(['token.create']);
    expect(find({ connectionId: 'c2' })).toEqual(['v1.create']);
    expect(find({ area: 'token' })).toEqual(['token.delete', 'token.create']);
    expect(find({ outcome: 'failed' })).toEqual(['token.create']);
  });
});
