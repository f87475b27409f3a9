/** The vault entry the vault tests and the bench add by the thousand: token `n` of one connection. */
import type { NewEntry } from '../../main/vault/vault';

export const sampleEntry = (n: number, extra: Partial<NewEntry> = {}): NewEntry => ({
  connectionId: 'c1',
  connectionName: 'prod',
  instanceUrl: 'https://influx.example.com',
  orgID: '0a3f2c1e9b400002',
  orgName: 'ops',
  authorizationId: `0a3f2c1e9b4${String(n).padStart(5, '0')}`,
  userName: 'alice',
  description: `token ${n}`,
  permissions: [],
  source: { kind: 'created' },
  ...extra,
});
