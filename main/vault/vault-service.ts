/**
 * The vault's work with servers and files: reconcile entries with what InfluxDB has, capture values
 * an old server still returns, import a value the user already has, and move the vault between
 * machines in a passphrase-encrypted file.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import { TokenDeskError } from '$contract/errors';
import type { ImportOutcome, ReconcileReport, VaultSource } from '$contract/vault';
import { writeFileAtomic } from '../fs/atomic-write';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { InfluxRequestError } from '../influx/errors';
import { familyOf } from '../families/registry';
import type { Logger } from '../log/logger';
import type { Dialogs } from '../ports/dialogs';
import type { ConnectionProfiles } from '../profiles/profiles';
import { z } from 'zod';
import { readSmallFile } from '../fs/read-small-file';
import { deriveKey, newKdf, open, seal } from './crypto';
import { portableEntrySchema, vaultExportSchema } from './schema';
import { entryFromAuthorization } from './entry-from-authorization';
import type { PortableEntry, Vault } from './vault';

export const VAULT_EXPORT_FORMAT = 'token-desk/vault-export';

export class VaultService {
  constructor(
    private readonly vault: Vault,
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly dialogs: Dialogs,
    private readonly log: Logger,
  ) {}

  private client(connectionId: string): Promise<InfluxClient> {
    return this.clients.forConnection(connectionId);
  }

  private entryFor(connectionId: string, client: InfluxClient, a: Authorization, source: VaultSource) {
    const name = this.profiles.list().find((c) => c.id === connectionId)?.name ?? '';
    return entryFromAuthorization({ id: connectionId, name }, client, a, source);
  }

  /** Which of the connection's vault entries still work, and which credentials have no value here. */
  async reconcile(connectionId: string): Promise<ReconcileReport> {
    const client = await this.client(connectionId);
    const entries = (await this.vault.list()).filter((e) => e.connectionId === connectionId);
    return familyOf(await client.product()).reconcile({ client, entries });
  }

  /** OSS ≤ 2.7 (or 2.8 without hashing) returns every value: save those not yet in the vault. */
  async capture(connectionId: string): Promise<{ saved: number; alreadyInVault: number }> {
    const client = await this.client(connectionId);
    const readable = (await client.listAuthorizations()).filter(
      (a) => typeof a.token === 'string' && a.token !== '' && a.token !== 'redacted',
    );
    if (readable.length === 0) {
      throw new TokenDeskError(
        'VALIDATION',
        'This server does not return token values (InfluxDB 2.8+ with hashing, 2.9 and Cloud), so there is nothing ' +
          'to capture.',
      );
    }
    // One save for the whole batch: 10,000 values must not mean 10,000 writes.
    const present = await this.vault.keys();
    const fresh = readable.filter((a) => !present.has(`${connectionId}:${a.id ?? ''}`));
    await this.vault.addMany(
      fresh.map((a) => ({ entry: this.entryFor(connectionId, client, a, { kind: 'captured' }), value: a.token ?? '' })),
    );
    const result = { saved: fresh.length, alreadyInVault: readable.length - fresh.length };
    this.log.info('vault.captured', result);
    return result;
  }

  /**
   * Stores a value the user already has, linked to its authorization: found by Cloud's token
   * filter or an OSS ≤ 2.7 plaintext match; otherwise the user picks among the value's own user's tokens.
   */
  async importValue(connectionId: string, value: string, authorizationId?: string): Promise<ImportOutcome> {
    const client = await this.client(connectionId);
    const save = async (a: Authorization): Promise<ImportOutcome> => {
      if (await this.vault.has(connectionId, a.id ?? ''))
        throw new TokenDeskError('VALIDATION', 'The vault already holds the value of this token.');
      const entry = await this.vault.add(this.entryFor(connectionId, client, a, { kind: 'imported' }), value);
      return { kind: 'saved', entry };
    };
    // The value must be a working token of this server; its user narrows the candidates.
    const asValue = this.clients.forTarget({ ...client.target, token: value });
    const me = await asValue.me().catch((error: unknown) => {
      // Only InfluxDB's refusal means "not a token here"; a network failure stays what it is.
      if (!(error instanceof InfluxRequestError)) throw error;
      throw new TokenDeskError(
        'VALIDATION',
        `This value is not a working token on ${client.target.url}: InfluxDB answered HTTP ` +
          `${error.reason.status}${error.reason.influxMessage ? ` (${error.reason.influxMessage})` : ''}.`,
      );
    });
    if (authorizationId) {
      // A value is kept for a named token only when it could be that token's: same user.
      const named = await client.getAuthorization(authorizationId);
      if (named.userID !== me.id)
        throw new TokenDeskError(
          'VALIDATION',
          `This value is a token of ${me.name}, but “${named.description || authorizationId}” belongs to ` +
            `${named.user ?? 'another user'}: it cannot be its value.`,
        );
      return save(named);
    }
    const byFilter = await client.listAuthorizations({ token: value }).catch(() => []);
    const exact = byFilter.length === 1 && byFilter[0]?.token !== undefined ? byFilter[0] : undefined;
    const all = await client.listAuthorizations();
    const plaintext = all.find((a) => a.token === value);
    const match = plaintext ?? (exact && (exact.token === 'redacted' || exact.token === value) ? exact : undefined);
    if (match) return save(match);
    const candidates = all
      .filter((a) => a.userID === me.id)
      .map((a) => ({
        id: a.id ?? '',
        description: a.description ?? '',
        userName: a.user ?? '',
        status: a.status ?? 'active',
      }));
    return { kind: 'choose', candidates };
  }

  async exportTo(passphrase: string): Promise<{ path: string; count: number } | null> {
    if (passphrase.length < 8)
      throw new TokenDeskError('VALIDATION', 'Choose an export passphrase of at least 8 characters.');
    const items = await this.vault.portable();
    const path = await this.dialogs.saveFile('export-vault', 'token-desk-vault.tdvault');
    if (!path) return null;
    const kdf = newKdf();
    const key = await deriveKey(passphrase, kdf);
    const file = {
      format: VAULT_EXPORT_FORMAT,
      version: 1,
      kdf,
      data: seal(key, JSON.stringify(items), VAULT_EXPORT_FORMAT),
    };
    await writeFileAtomic(path, `${JSON.stringify(file)}\n`);
    this.log.info('vault.exported', { count: items.length });
    return { path, count: items.length };
  }

  async importFrom(passphrase: string): Promise<{ added: number; skipped: number } | null> {
    const path = await this.dialogs.openFile('vault-export');
    if (!path) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(await readSmallFile(path, 64 * 1024 * 1024));
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      throw new TokenDeskError('IMPORT_FAILED', `${path} is not a Token Desk vault export.`);
    }
    const file = vaultExportSchema.safeParse(raw);
    if (!file.success)
      throw new TokenDeskError(
        'IMPORT_FAILED',
        `${path} is not a Token Desk vault export Token Desk can read ` +
          `(${file.error.issues[0]?.path.join('.') || 'format'}: ${file.error.issues[0]?.message ?? 'invalid'}).`,
      );
    const key = await deriveKey(passphrase, file.data.kdf);
    let opened: string;
    try {
      opened = open(key, file.data.data, VAULT_EXPORT_FORMAT);
    } catch {
      throw new TokenDeskError(
        'WRONG_PASSPHRASE',
        'That passphrase does not open this export (or the file is damaged).',
      );
    }
    // Every entry is checked before anything is merged: one bad entry refuses the whole file.
    const items = z.array(portableEntrySchema).max(100_000).safeParse(JSON.parse(opened));
    if (!items.success)
      throw new TokenDeskError(
        'IMPORT_FAILED',
        `${path} holds an entry Token Desk cannot use (${items.error.issues[0]?.path.join('.') ?? ''}: ` +
          `${items.error.issues[0]?.message ?? 'invalid'}); nothing was imported.`,
      );
    const result = await this.vault.merge(items.data as PortableEntry[]);
    this.log.info('vault.imported', result);
    return result;
  }
}
