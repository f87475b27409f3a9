/**
 * Passwords Token Desk makes for v1 credentials: 24 characters with every kind InfluxDB's
 * --strong-passwords asks for (upper, lower, digit, one of !@#$%^&*()_+), from the OS's randomness.
 */
import { randomInt } from 'node:crypto';

const kinds = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%^&*()_+'] as const;
const every = kinds.join('');

const pick = (from: string): string => from[randomInt(from.length)] ?? '';

export function generatePassword(length = 24): string {
  const chars = [...kinds.map(pick), ...Array.from({ length: length - kinds.length }, () => pick(every))];
  // Shuffled, so the guaranteed kinds are not always the first four characters.
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
