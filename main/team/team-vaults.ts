/**
 * Team vaults: the destinations a person set up, and the hand-off of each value Token Desk makes to
 * those chosen for its connection. The local vault always has the value first; a destination that
 * fails leaves it there, and the entry says "not sent: <reason>" until a retry works. What happened
 * is kept on the vault entry (never the value, nor a tool's words that repeat it).
 */
import { randomUUID } from 'node:crypto';
import { TokenDeskError } from '$contract/errors';
import type { DestinationDraft, TeamCopy, TeamDestination } from '$contract/team';
import type { VaultEntrySummary, VaultSource } from '$contract/vault';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { StoredDestination } from '../settings/schema';
import type { SettingsService } from '../settings/settings-service';
import type { Vault } from '../vault/vault';
import { CommandWriter } from './command';
import { KeepassWriter } from './keepassxc';
import { PassWriter } from './pass-store';
import { SecretServiceWriter } from './secret-service';
import { teamItem } from './team-item';
import type { Previous, TeamWriter, WriterContext } from './writer';

const TOOL_TIMEOUT_MS = { keepassxc: 60_000, pass: 30_000, 'secret-service': 15_000 } as const;

/** Sources whose value takes the place of another credential's: the team's entry is updated. */
function replaced(source: VaultSource): string | null {
  return source.kind === 'rotated' || source.kind === 'replaced' || source.kind === 'reissued' ? source.from : null;
}

/** A tool's words can repeat what it was given: the value never reaches a message. */
const redact = (text: string, value: string) => (value.length >= 4 ? text.split(value).join('[the value]') : text);

export class TeamVaults {
  /** One write at a time per destination: two keepassxc-cli runs on one file would lose one. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly settings: SettingsService,
    private readonly profiles: ConnectionProfiles,
    private readonly vault: Vault,
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  private stored(): StoredDestination[] {
    return this.settings.get().teamDestinations;
  }

  private view(s: StoredDestination): TeamDestination {
    const { destination } = s;
    if (destination.kind !== 'keepassxc') return { ...destination, id: destination.id ?? '', passwordSaved: false };
    const { password: _password, ...rest } = destination;
    return { ...rest, id: destination.id ?? '', passwordSaved: s.passwordCipher !== null };
  }

  list(): TeamDestination[] {
    return this.stored().map((s) => this.view(s));
  }

  private find(id: string): StoredDestination {
    const found = this.stored().find((s) => s.destination.id === id);
    if (!found) throw new TokenDeskError('NOT_FOUND', 'That team vault is no longer set up.');
    return found;
  }

  async save(draft: DestinationDraft): Promise<TeamDestination> {
    const id = draft.id ?? this.newId();
    const existing = draft.id ? this.find(draft.id) : null;
    const known = new Set(this.profiles.list().map((c) => c.id));
    const connectionIds = draft.connectionIds.filter((c) => known.has(c));
    let passwordCipher: string | null = null;
    if (draft.kind === 'keepassxc' && draft.passwordMode === 'saved') {
      passwordCipher = draft.password ? await this.profiles.seal(draft.password) : (existing?.passwordCipher ?? null);
      if (!passwordCipher)
        throw new TokenDeskError('VALIDATION', 'Enter the database’s master password, or choose “Ask each time”.');
    }
    const destination = { ...draft, id, connectionIds, ...(draft.kind === 'keepassxc' ? { password: null } : {}) };
    const next: StoredDestination = { destination, passwordCipher };
    const stored = this.stored();
    this.settings.update({
      teamDestinations: existing ? stored.map((s) => (s.destination.id === id ? next : s)) : [...stored, next],
    });
    this.log.info('team.destination-saved', { kind: draft.kind, connections: connectionIds.length });
    return this.view(next);
  }

  remove(id: string): TeamDestination[] {
    this.find(id);
    this.settings.update({ teamDestinations: this.stored().filter((s) => s.destination.id !== id) });
    return this.list();
  }

  private context(timeoutMs: number): WriterContext {
    return { env: this.env, timeoutMs, today: this.now().toISOString().slice(0, 10) };
  }

  /** The writer of a destination; `password` is a master password typed for this send ("Ask each time"). */
  private async writer(s: StoredDestination, password: string | null): Promise<TeamWriter> {
    const d = s.destination;
    switch (d.kind) {
      case 'keepassxc': {
        let master: string | null = null;
        if (d.passwordMode === 'ask') {
          if (!password)
            throw new TokenDeskError(
              'VALIDATION',
              'It needs the database’s master password: send it from the Vault screen.',
            );
          master = password;
        } else if (d.passwordMode === 'saved') {
          if (!s.passwordCipher)
            throw new TokenDeskError('VALIDATION', 'No master password is saved for it: edit it in Team vaults.');
          master = (
            await this.profiles.unseal(
              s.passwordCipher,
              `The master password of “${d.label}”`,
              'Enter it again in Team vaults.',
            )
          ).value;
        }
        const settings = { cli: d.cli, file: d.file, keyFile: d.keyFile, group: d.group, password: master };
        return new KeepassWriter(settings, this.context(TOOL_TIMEOUT_MS.keepassxc));
      }
      case 'pass':
        return new PassWriter(d, this.context(TOOL_TIMEOUT_MS.pass));
      case 'secret-service':
        return new SecretServiceWriter(this.context(TOOL_TIMEOUT_MS['secret-service']));
      case 'command':
        return new CommandWriter(d, this.context(d.timeoutSeconds * 1000));
    }
  }

  private serial<T>(destinationId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(destinationId) ?? Promise.resolve()).then(work, work);
    this.queues.set(
      destinationId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Where the team already has this credential, or the one its value replaces, in one destination. */
  private previous(
    entry: VaultEntrySummary,
    destinationId: string,
    all: VaultEntrySummary[],
  ): { from: VaultEntrySummary; where: string } | null {
    const from = replaced(entry.source);
    const candidates = [
      entry,
      ...all
        .filter((e) => e.id !== entry.id && e.connectionId === entry.connectionId)
        .filter((e) => e.authorizationId === entry.authorizationId || e.authorizationId === from)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    ];
    for (const e of candidates) {
      const copy = e.team.find((c) => c.destinationId === destinationId && c.state === 'sent');
      if (copy) return { from: e, where: copy.where };
    }
    return null;
  }

  /** Sends one value to one destination and records the outcome on its entry (and its predecessor's). */
  private async sendOne(
    s: StoredDestination,
    entry: VaultEntrySummary,
    value: string,
    password: string | null,
  ): Promise<TeamCopy> {
    const d = s.destination;
    const destinationId = d.id ?? '';
    return this.serial(destinationId, async () => {
      const all = await this.vault.list();
      const current = all.find((e) => e.id === entry.id) ?? entry;
      const before = this.previous(current, destinationId, all);
      const at = this.now().toISOString();
      let copy: TeamCopy;
      try {
        const writer = await this.writer(s, password);
        const previous: Previous | null = before ? { where: before.where, item: teamItem(before.from) } : null;
        const where = await writer.put(teamItem(current), value, previous);
        copy = { destinationId, destination: d.label, state: 'sent', where, reason: null, at };
        this.log.info('team.sent', { kind: d.kind });
      } catch (error) {
        const said =
          error instanceof TokenDeskError ? error.message : 'It failed for a reason Token Desk could not read.';
        copy = { destinationId, destination: d.label, state: 'not-sent', where: '', reason: redact(said, value), at };
        this.log.warn('team.send-failed', {
          kind: d.kind,
          code: error instanceof TokenDeskError ? error.code : 'unexpected',
        });
      }
      await this.record(current, copy);
      if (copy.state === 'sent' && before && before.from.id !== current.id) {
        // The team's entry now holds the replacement's value: the old credential no longer owns it.
        const superseded = {
          ...copy,
          state: 'retired' as const,
          reason: `Its entry there now holds “${current.description}”.`,
        };
        await this.record(before.from, superseded);
      }
      return copy;
    });
  }

  private async record(entry: VaultEntrySummary, copy: TeamCopy): Promise<void> {
    const team = [...entry.team.filter((c) => c.destinationId !== copy.destinationId), copy];
    await this.vault
      .update(entry.id, { team })
      .catch((error: unknown) =>
        this.log.warn('team.record-failed', { code: error instanceof TokenDeskError ? error.code : 'unexpected' }),
      );
  }

  private destinationsOf(connectionId: string): StoredDestination[] {
    return this.stored().filter((s) => s.destination.connectionIds.includes(connectionId));
  }

  /** vault.onMade: a value just saved goes to every destination chosen for its connection. */
  async deliver(entry: VaultEntrySummary, value: string): Promise<TeamCopy[]> {
    const copies: TeamCopy[] = [];
    for (const s of this.destinationsOf(entry.connectionId)) copies.push(await this.sendOne(s, entry, value, null));
    return copies;
  }

  /** Sends (or sends again) one vault entry's value to one destination: Retry, and the Vault screen's bulk send. */
  async send(entryId: string, destinationId: string, password: string | null): Promise<TeamCopy> {
    const s = this.find(destinationId);
    const entry = (await this.vault.list()).find((e) => e.id === entryId);
    if (!entry) throw new TokenDeskError('NOT_FOUND', 'That vault entry no longer exists.');
    return this.sendOne(s, entry, await this.vault.reveal(entryId), password);
  }

  /**
   * A credential was deleted from its server: the team's copies are marked retired, never deleted
   * (the person can still delete them from the Vault screen). `key` is its ID, or a name (1.x, v3).
   */
  async retire(connectionId: string, key: string): Promise<void> {
    const entries = (await this.vault.list().catch(() => [])).filter(
      (e) => e.connectionId === connectionId && (e.authorizationId === key || e.login === key || e.description === key),
    );
    for (const entry of entries)
      for (const copy of entry.team.filter((c) => c.state === 'sent')) {
        const s = this.stored().find((d) => d.destination.id === copy.destinationId);
        if (s) await this.retireCopy(s, entry, copy);
      }
  }

  private retireCopy(s: StoredDestination, entry: VaultEntrySummary, copy: TeamCopy): Promise<void> {
    return this.serial(copy.destinationId, async () => {
      const at = this.now().toISOString();
      const value = await this.vault.reveal(entry.id).catch(() => null);
      try {
        const writer = await this.writer(s, null);
        const where = await writer.retire(copy.where, teamItem(entry), value);
        const reason =
          where === null ? 'Deleted from the server. A command is only given values: it was not told.' : null;
        await this.record(entry, { ...copy, state: 'retired', where: where ?? copy.where, reason, at });
      } catch (error) {
        const said = error instanceof TokenDeskError ? error.message : 'it failed';
        const reason = `Deleted from the server, but not marked retired there: ${value ? redact(said, value) : said}`;
        await this.record(entry, { ...copy, reason, at });
      }
    });
  }

  /** Deletes the team's copy of one entry, when the person chooses to. */
  async removeCopy(entryId: string, destinationId: string, password: string | null): Promise<TeamCopy> {
    const s = this.find(destinationId);
    const entry = (await this.vault.list()).find((e) => e.id === entryId);
    const copy = entry?.team.find((c) => c.destinationId === destinationId && c.where);
    if (!entry || !copy) throw new TokenDeskError('NOT_FOUND', 'The team vault has no copy of it to delete.');
    return this.serial(destinationId, async () => {
      const writer = await this.writer(s, password);
      if (!(await writer.remove(copy.where, teamItem(entry))))
        throw new TokenDeskError(
          'VALIDATION',
          'A command destination cannot delete what it was given: delete it there.',
        );
      const removed: TeamCopy = {
        ...copy,
        state: 'retired',
        where: '',
        reason: 'Deleted from the team vault.',
        at: this.now().toISOString(),
      };
      await this.record(entry, removed);
      return removed;
    });
  }
}
