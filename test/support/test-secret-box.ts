/**
 * An honest SecretBox for Node tests: real AES-256-GCM under a random in-memory key, reporting itself
 * as the "test" backend. `backend` and `encryptionAvailable` imitate the OS store's answers, so the
 * same availability rules apply as with safeStorage (basic_text is refused).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assessSecretStore, requireProtection, type SecretBox } from '../../main/secrets/secret-box';

export interface TestSecretBoxOptions {
  backend?: string;
  encryptionAvailable?: boolean;
}

export function createTestSecretBox(options: TestSecretBoxOptions = {}): SecretBox {
  const key = randomBytes(32);
  const status = async () => assessSecretStore(options.backend ?? 'test', options.encryptionAvailable ?? true);
  return {
    status,
    async encrypt(plain) {
      requireProtection(await status());
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const bytes = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const value = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      return { value, shouldReEncrypt: false };
    },
  };
}
