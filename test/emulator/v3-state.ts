/**
 * InfluxDB 3's catalog of tokens and databases, as the emulator keeps it (INFLUXDB3-TOKENS.md §3):
 * `apiv3_` strings of which only the SHA-512 is kept, the `_admin` operator token, named admin
 * tokens, and on Enterprise database and system tokens; expiry in ms (null: never).
 */
import { PointStore } from './points';
import { createHash, randomBytes } from 'node:crypto';
import type { Random } from './random';

export interface V3Token {
  id: number;
  name: string;
  /** hex SHA-512 of the string. */
  hash: string;
  createdAt: number;
  expiry: number | null;
  /** `*:*:*` for admin tokens; `db:a,b:read,write`, several joined by `;` (UNCONFIRMED format). */
  permissions: string;
  createdBy: number | null;
  updatedAt: number | null;
  updatedBy: number | null;
}

export const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

export class V3State {
  readonly tokens = new Map<number, V3Token>();
  readonly databases = new Set<string>(['_internal']);
  /** Lines written (write_lp, /api/v2/write, /write), in order, for tests to read back. */
  readonly written: { db: string; line: string }[] = [];
  /** The same lines as points, by database: what SQL reads back (points.ts). */
  readonly points = new Map<string, PointStore>();

  pointsOf(db: string): PointStore {
    let store = this.points.get(db);
    if (!store) {
      store = new PointStore();
      this.points.set(db, store);
    }
    return store;
  }
  /** `--disable-authz ping,health`: /ping and /health answer without a token. */
  pingWithoutAuth = false;
  private nextId = 0;

  constructor(
    private readonly now: () => Date,
    private readonly random: Random,
  ) {}

  /** 92 characters: `apiv3_` + base64url (no padding) of 64 random bytes. */
  newString(seeded: boolean): string {
    return `apiv3_${(seeded ? this.random.bytes(64) : randomBytes(64)).toString('base64url')}`;
  }

  byName(name: string): V3Token | undefined {
    for (const t of this.tokens.values()) if (t.name === name) return t;
    return undefined;
  }

  byString(value: string): V3Token | undefined {
    const hash = sha512(value);
    for (const t of this.tokens.values()) if (t.hash === hash) return t;
    return undefined;
  }

  isLive(t: V3Token): boolean {
    return t.expiry === null || t.expiry > this.now().getTime();
  }

  add(input: {
    name: string;
    permissions?: string;
    expirySecs?: number | null;
    createdBy?: number | null;
    seeded?: boolean;
    at?: number;
  }): { token: V3Token; value: string } {
    const value = this.newString(input.seeded ?? false);
    const createdAt = input.at ?? this.now().getTime();
    const token: V3Token = {
      id: this.nextId++,
      name: input.name,
      hash: sha512(value),
      createdAt,
      expiry: input.expirySecs === undefined || input.expirySecs === null ? null : createdAt + input.expirySecs * 1000,
      permissions: input.permissions ?? '*:*:*',
      createdBy: input.createdBy ?? null,
      updatedAt: null,
      updatedBy: null,
    };
    this.tokens.set(token.id, token);
    return { token, value };
  }

  /** A new string for `_admin`: the old one stops working at once. */
  regenerate(admin: V3Token, seeded = false): string {
    const value = this.newString(seeded);
    admin.hash = sha512(value);
    admin.updatedAt = this.now().getTime();
    admin.updatedBy = admin.id;
    return value;
  }
}
