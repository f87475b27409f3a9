/**
 * Without a keyring, a passphrase-protected vault remembers connection tokens too: they survive a
 * restart, work only while the vault is unlocked, and follow a change of passphrase.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

describe('connection tokens sealed with the vault passphrase', () => {
  it('survive a restart, open only while the vault is unlocked, and follow a new passphrase', async () => {
    const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    emulators.push(influx);
    const noKeyring = createTestSecretBox({ backend: 'basic_text' });
    const core = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: noKeyring });
    const bridge = bridgeTo(core);
    const draft = {
      name: 'weak machine',
      url: influx.url,
      token: influx.operatorToken,
      rememberToken: true,
      org: null,
      environment: { label: '', colour: 'grey' as const },
      timeoutMs: 5000,
      tls: { caFile: null, skipVerify: false },
    };
    // No keyring and no passphrase: refused, and told how to remember it.
    expect(await bridge.failure('saveConnection', draft)).toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
      message: expect.stringContaining('Protect the vault with a passphrase'),
    });
    await bridge.invoke('setVaultPassphrase', { passphrase: 'first passphrase', alsoOsKeyStore: false });
    const saved = await bridge.invoke('saveConnection', draft);
    expect(saved.token).toBe('vault');
    const settings = readFileSync(join(core.dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(influx.operatorToken);
    expect(settings).toContain('"tokenCipher": "vault:');

    // A restart: the vault is locked, so is the connection, in plain words.
    const again = bridgeTo(
      createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: noKeyring, dataDir: core.dataDir }),
    );
    expect(await again.failure('checkConnection', { id: saved.id })).toMatchObject({
      code: 'VAULT_LOCKED',
      message: expect.stringContaining('unlock the vault'),
    });
    await again.invoke('unlockVault', { passphrase: 'first passphrase' });
    await expect(again.invoke('checkConnection', { id: saved.id })).resolves.toMatchObject({ product: 'oss' });

    // A new passphrase: the connection's token moves with it.
    await again.invoke('setVaultPassphrase', { passphrase: 'second passphrase', alsoOsKeyStore: false });
    const third = bridgeTo(
      createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: noKeyring, dataDir: core.dataDir }),
    );
    expect((await third.failure('unlockVault', { passphrase: 'first passphrase' })).code).toBe('WRONG_PASSPHRASE');
    await third.invoke('unlockVault', { passphrase: 'second passphrase' });
    await expect(third.invoke('listTokens', { connectionId: saved.id })).resolves.toMatchObject({ product: 'oss' });
  });
});
