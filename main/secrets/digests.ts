/**
 * The one-way digests Token Desk matches values by, never keeping the values: the vault's SHA-256
 * fingerprint of each value, and the start of the SHA-512 that InfluxDB 3 keeps of its tokens.
 */
import { createHash } from 'node:crypto';

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
export const sha512Hex = (value: string): string => createHash('sha512').update(value).digest('hex');

/** What a pasted value is matched by, computed once. */
export interface Digests {
  sha256: string;
  sha512: string;
}

export const digestsOf = (value: string): Digests => ({ sha256: sha256Hex(value), sha512: sha512Hex(value) });

/** InfluxDB 3 keeps a prefix of the SHA-512 (and the vault keeps 16 characters): either may be the shorter. */
export const sameSha512 = (a: string, b: string): boolean =>
  a.length > 0 && b.length > 0 && (a.startsWith(b) || b.startsWith(a));
