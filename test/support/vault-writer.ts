/**
 * A child process for the kill-mid-save test: adds vault entries as fast as it can and prints
 * "saved <authorizationId>" once each save has returned, until it is killed.
 */
import { join } from 'node:path';
import { createLogger } from '../../main/log/logger';
import { Vault } from '../../main/vault/vault';
import { VaultFile } from '../../main/vault/vault-file';
import { createTestSecretBox } from './test-secret-box';

const folder = process.argv[2] ?? '.';
const vault = new Vault(
  new VaultFile(join(folder, 'vault.json')),
  createTestSecretBox(),
  createLogger(() => undefined),
);
const start = (await vault.list()).length;
for (let n = start; ; n += 1) {
  const authorizationId = `0b${String(process.pid).padStart(8, '0')}${String(n).padStart(6, '0')}`;
  await vault.add(
    {
      connectionId: 'c1',
      connectionName: 'prod',
      instanceUrl: 'https://influx.example.com',
      orgID: 'o',
      orgName: 'ops',
      authorizationId,
      userName: 'alice',
      description: `entry ${n} ${'d'.repeat(200)}`,
      permissions: [],
      source: { kind: 'created' },
    },
    `value-${n}`,
  );
  process.stdout.write(`saved ${authorizationId}\n`);
}
