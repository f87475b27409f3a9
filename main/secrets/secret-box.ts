/**
 * The secret port: everything in main that stores a secret goes through a SecretBox. In the app it is
 * Electron's safeStorage (shell/safe-storage-box.ts); in Node tests an honest AES-GCM box.
 */
import { TokenDeskError } from '$contract/errors';
import type { SecretStoreStatus } from '$contract/ipc';

export interface Decrypted {
  value: string;
  /** The OS key changed or the format aged: encrypt again and store the new ciphertext. */
  shouldReEncrypt: boolean;
}

export interface SecretBox {
  status(): Promise<SecretStoreStatus>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(cipher: Uint8Array): Promise<Decrypted>;
}

/**
 * Linux's `basic_text` encrypts with a key hard-coded in Chromium, and `unknown` means no choice was
 * made: neither protects anything, so neither counts as available.
 */
const unprotectedBackends = new Set(['basic_text', 'unknown']);

const describedBackends: Record<string, string> = {
  keychain: 'the macOS Keychain',
  dpapi: 'Windows Data Protection (DPAPI)',
  gnome_libsecret: 'the Secret Service (GNOME Keyring or compatible)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

export function assessSecretStore(backend: string, encryptionAvailable: boolean): SecretStoreStatus {
  if (!encryptionAvailable) {
    return {
      backend,
      available: false,
      summary:
        'No OS key store is available, so Token Desk cannot encrypt secrets. Secrets will not be saved until one is.',
    };
  }
  if (unprotectedBackends.has(backend)) {
    return {
      backend,
      available: false,
      summary:
        backend === 'basic_text'
          ? 'No keyring was found (for example GNOME Keyring or KWallet). Electron would fall back to a fixed, ' +
            'publicly known key, which protects nothing, so Token Desk will not save secrets with it. Install and ' +
            'unlock a keyring, then restart Token Desk.'
          : 'The OS key store has not said which backend it uses, so Token Desk cannot tell whether secrets would ' +
            'be protected. It will not save secrets until it can.',
    };
  }
  const described = describedBackends[backend] ?? `the "${backend}" key store`;
  return { backend, available: true, summary: `Secrets are encrypted with a key kept in ${described}.` };
}

/** Refuse, in words a person can act on, to encrypt with a store that protects nothing. */
export function requireProtection(status: SecretStoreStatus): void {
  if (!status.available)
    throw new TokenDeskError('SECRET_STORE_UNAVAILABLE', status.summary, { backend: status.backend });
}
