/**
 * Passphrase cryptography for the vault and its export files: a key derived with scrypt, and
 * AES-256-GCM per value with the entry's ID as associated data, so a ciphertext moved to another
 * entry does not open. A wrong passphrase fails the GCM tag: nothing is decrypted.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { TokenDeskError } from '$contract/errors';

export interface KdfParams {
  name: 'scrypt';
  salt: string; // base64
  N: number;
  r: number;
  p: number;
}

/** The most scrypt may use, whatever a file says (the schema bounds N and r below this). */
const MAX_MEMORY = 256 * 1024 * 1024;

/** 2^15 × 8 × 1: about 32 MiB and 0.1 s per derivation, OWASP's scrypt floor. */
export function newKdf(): KdfParams {
  return { name: 'scrypt', salt: randomBytes(16).toString('base64'), N: 1 << 15, r: 8, p: 1 };
}

export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: Math.min(MAX_MEMORY, 128 * kdf.N * kdf.r * 2) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** iv (12) | tag (16) | ciphertext, base64. */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function open(key: Buffer, sealed: string, aad: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < 28) throw new TokenDeskError('VAULT_UNREADABLE', 'An encrypted value is truncated.');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

const CHECK = 'token-desk-vault-check';

/** A sealed constant that tells a wrong passphrase from a damaged entry. */
export const makeCheck = (key: Buffer) => seal(key, CHECK, 'check');

export function verifyCheck(key: Buffer, check: string): boolean {
  try {
    const opened = Buffer.from(open(key, check, 'check'));
    return opened.length === CHECK.length && timingSafeEqual(opened, Buffer.from(CHECK));
  } catch {
    return false;
  }
}
