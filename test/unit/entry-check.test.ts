import { describe, expect, it } from 'vitest';
import { isStoredEntry } from '../../main/vault/entry-check';
import { storedEntrySchema } from '../../main/vault/schema';

const valid = {
  id: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f50',
  connectionId: 'c1',
  connectionName: 'prod',
  instanceUrl: 'https://influx.example.com',
  orgID: 'o',
  orgName: 'ops',
  authorizationId: '0a3f2c1e9b400010',
  userName: 'alice',
  description: 'd',
  createdAt: '2026-01-01T00:00:00Z',
  notes: '',
  labels: ['a'],
  replacedBy: null,
  permissions: [{ action: 'read', resource: { type: 'buckets', id: 'b', orgID: 'o', name: 'sensors', org: 'ops' } }],
  source: { kind: 'rotated', from: '0a3f2c1e9b400009' },
  secret: { scheme: 'passphrase', sealed: 'x' },
};

const variants: [string, unknown][] = [
  ['valid', valid],
  ['os seal', { ...valid, secret: { scheme: 'os', cipher: 'c' } }],
  ['created, replaced', { ...valid, source: { kind: 'created' }, replacedBy: '0a3f2c1e9b400011' }],
  ['no id', { ...valid, id: undefined }],
  ['id not a UUID', { ...valid, id: 'abc' }],
  ['description a number', { ...valid, description: 7 }],
  ['labels not text', { ...valid, labels: [1] }],
  ['permission action', { ...valid, permissions: [{ action: 'delete', resource: { type: 'buckets' } }] }],
  ['resource without type', { ...valid, permissions: [{ action: 'read', resource: {} }] }],
  ['resource name a number', { ...valid, permissions: [{ action: 'read', resource: { type: 'buckets', name: 3 } }] }],
  ['rotated without from', { ...valid, source: { kind: 'rotated' } }],
  ['unknown source', { ...valid, source: { kind: 'stolen' } }],
  ['empty seal', { ...valid, secret: { scheme: 'os', cipher: '' } }],
  ['unknown scheme', { ...valid, secret: { scheme: 'plain', value: 'x' } }],
  ['replacedBy a number', { ...valid, replacedBy: 1 }],
  ['a v1 password', { ...valid, kind: 'v1-password', login: 'grafana', source: { kind: 'password-set' } }],
  ['a token said so', { ...valid, kind: 'token', login: null }],
  ['unknown kind', { ...valid, kind: 'ssh-key' }],
  ['a user password', { ...valid, kind: 'user-password', login: 'svc-ingest', source: { kind: 'created' } }],
  ['re-issued', { ...valid, source: { kind: 'reissued', from: '0a3f2c1e9b400009' } }],
  ['v1 username a number', { ...valid, kind: 'v1-password', login: 4 }],
  ['not an object', 'entry'],
  ['null', null],
];

describe('the open-time entry check', () => {
  it.each(variants)('agrees with the stored entry schema: %s', (_name, value) => {
    expect(isStoredEntry(value)).toBe(storedEntrySchema.safeParse(value).success);
  });
});
