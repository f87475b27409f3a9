/** The SecretBox backed by Electron's safeStorage, async API (Electron ≥ 42). Call after app ready. */
import { safeStorage } from 'electron';
import { assessSecretStore, requireProtection, type SecretBox } from '../secrets/secret-box';

function backendName(): string {
  if (process.platform === 'darwin') return 'keychain';
  if (process.platform === 'win32') return 'dpapi';
  return safeStorage.getSelectedStorageBackend();
}

export function createSafeStorageBox(): SecretBox {
  const status = async () => assessSecretStore(backendName(), await safeStorage.isAsyncEncryptionAvailable());
  return {
    status,
    async encrypt(plain) {
      requireProtection(await status());
      return safeStorage.encryptStringAsync(plain);
    },
    async decrypt(cipher) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipher));
      return { value: result, shouldReEncrypt };
    },
  };
}
