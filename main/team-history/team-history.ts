/**
 * The team history: where this desk ships its records (set up on one connection, with the least
 * rights its product allows), how many wait and why, and the team's records read back.
 */
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { TokenDeskError } from '$contract/errors';
import type { MainEvent } from '$contract/events';
import { productChip, productProfile } from '$contract/products';
import type { TeamHistoryStatus, TeamHistoryTarget, TeamHistoryView } from '$contract/team-history';
import type { SetUpTeamHistoryInput } from '$contract/team-history-schemas';
import { teamHistoryOf } from '../families/registry';
import type { InfluxClients } from '../influx/clients';
import type { History } from '../history/history';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { SettingsService } from '../settings/settings-service';
import type { Timers } from '../vault/clipboard';
import type { Vault } from '../vault/vault';
import { CursorFile } from './cursor';
import { recordsOf } from './records';
import { Shipper } from './shipper';
import type { SetupServices, TeamHistoryStore } from './store';

/** How far back the team view reads, and how many records at most. */
export const TEAM_DAYS = 365;
export const TEAM_LIMIT = 10_000;

/** Host and OS user: what tells one admin's desk from another's until it is given a name. */
export function defaultDesk(): string {
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    // No user name on this system (a container without a passwd entry): the host alone.
  }
  return user ? `${user}@${hostname()}` : hostname();
}

export interface TeamHistoryPorts {
  settings: SettingsService;
  profiles: ConnectionProfiles;
  clients: InfluxClients;
  vault: Vault;
  history: History;
  services: SetupServices;
  log: Logger;
  timers: Timers;
  now: () => Date;
  dataDir: string;
  notify: (event: MainEvent) => void;
}

export class TeamHistory {
  readonly shipper: Shipper;
  /** The team's records last read, for the export. */
  private lastRead: TeamHistoryView | null = null;

  constructor(private readonly p: TeamHistoryPorts) {
    this.shipper = new Shipper({
      journal: async () => (await p.history.list()).entries,
      cursor: new CursorFile(join(p.dataDir, 'history', 'team-cursor.json')),
      target: () => this.target(),
      keyOf: (t) => `${this.urlOf(t)}|${t.orgID ?? ''}|${t.database}`,
      write: async (t, lines) => {
        const { client, store } = await this.open(t);
        await store.write(client, t, lines);
      },
      fallback: () => ({ desk: this.desk(), product: (id) => this.chipOf(id) }),
      timers: p.timers,
      now: p.now,
      log: p.log,
      changed: () => p.notify({ kind: 'team-history', status: this.status() }),
    });
    p.history.onRecorded = (entry) => this.shipper.queued(entry);
  }

  desk(): string {
    return this.p.settings.get().deskName ?? defaultDesk();
  }

  private target(): TeamHistoryTarget | null {
    return this.p.settings.get().teamHistory;
  }

  private urlOf(target: TeamHistoryTarget): string {
    return this.p.profiles.list().find((c) => c.id === target.connectionId)?.url ?? target.connectionId;
  }

  private async storeOf(connectionId: string): Promise<{ store: TeamHistoryStore; chip: string }> {
    const client = await this.p.clients.forConnection(connectionId);
    const product = await client.product();
    const store = teamHistoryOf(product);
    if (!store)
      throw new TokenDeskError(
        'VALIDATION',
        `${productProfile(product).label} cannot hold the team history: choose an InfluxDB 1.x, 2.x, Cloud or ` +
          'InfluxDB 3 connection.',
      );
    return { store, chip: productChip(product, client.facts.version) };
  }

  /** The target's client, logged in with the history's own credential (never the connection's state). */
  private async open(target: TeamHistoryTarget) {
    const { store } = await this.storeOf(target.connectionId);
    const base = await this.p.profiles.target({ id: target.connectionId });
    if (target.credential.kind === 'connection') return { client: this.p.clients.forTarget(base), store };
    const value = await this.p.vault.reveal(target.credential.entryId).catch((error: unknown) => {
      if (error instanceof TokenDeskError && error.code === 'VAULT_LOCKED')
        throw new TokenDeskError('VAULT_LOCKED', 'The vault is locked: records wait until it is unlocked.');
      if (error instanceof TokenDeskError && error.code === 'NOT_FOUND')
        throw new TokenDeskError(
          'NOT_FOUND',
          'The team history’s credential is no longer in the vault: set the team history up again.',
        );
      throw error;
    });
    const { username } = target.credential;
    return { client: this.p.clients.forTarget({ ...base, token: username ? `${username}:${value}` : value }), store };
  }

  /** A connection's product as its chip names it, once its server has answered; '' before. */
  chipOf(connectionId: string): string {
    const facts = this.p.clients.factsOf(connectionId);
    return facts.product ? productChip(facts.product, facts.version) : '';
  }

  status(): TeamHistoryStatus {
    const target = this.target();
    const connection = target ? this.p.profiles.list().find((c) => c.id === target.connectionId) : undefined;
    return {
      target: target
        ? {
            ...target,
            connectionName: connection?.name ?? 'a removed connection',
            product: this.chipOf(target.connectionId),
          }
        : null,
      desk: this.desk(),
      deskDefault: defaultDesk(),
      ...this.shipper.state,
    };
  }

  /** Reads what waits and starts shipping it (at start). */
  start(): Promise<void> {
    return this.shipper.load();
  }

  /**
   * Makes what the target needs (bucket or database, a credential with only read and write there,
   * its value in the vault first) and ships every record of this desk's journal to it.
   */
  async setUp(input: SetUpTeamHistoryInput): Promise<TeamHistoryStatus> {
    if ((await this.p.vault.protection()).locked)
      throw new TokenDeskError('VAULT_LOCKED', 'Unlock the vault first: the team history’s credential is kept there.');
    const connection = this.p.profiles.get(input.connectionId);
    const { store } = await this.storeOf(input.connectionId);
    const client = await this.p.clients.forConnection(input.connectionId);
    const prepared = await this.p.history.track(
      input.connectionId,
      'team.setup',
      { description: `Team history in ${input.database} on ${connection.name}` },
      () =>
        store.prepare({
          connectionId: input.connectionId,
          database: input.database,
          orgID: input.orgID,
          desk: this.desk(),
          client,
          services: this.p.services,
        }),
    );
    this.p.settings.update({
      teamHistory: { connectionId: input.connectionId, database: input.database, ...prepared },
    });
    this.lastRead = null;
    await this.shipper.load();
    return this.status();
  }

  /** This desk stops shipping; what was shipped stays on the server, and the local history stays whole. */
  async stop(): Promise<TeamHistoryStatus> {
    const target = this.target();
    if (target)
      await this.p.history.track(target.connectionId, 'team.stop', { description: target.database }, async () => {
        this.p.settings.update({ teamHistory: null });
      });
    this.lastRead = null;
    await this.shipper.load();
    return this.status();
  }

  async shipNow(): Promise<TeamHistoryStatus> {
    await this.shipper.now();
    return this.status();
  }

  setDesk(name: string | null): TeamHistoryStatus {
    this.p.settings.update({ deskName: name });
    return this.status();
  }

  /** The team's records of the last year, newest first, as the target answers now. */
  async read(): Promise<TeamHistoryView> {
    const target = this.target();
    if (!target) throw new TokenDeskError('VALIDATION', 'No team history is set up: choose where it is kept first.');
    const { client, store } = await this.open(target);
    const since = new Date(this.p.now().getTime() - TEAM_DAYS * 86_400_000);
    const rows = await store.read(client, target, since, TEAM_LIMIT);
    const { entries, unread } = recordsOf(rows);
    const notes = [
      rows.length >= TEAM_LIMIT ? `Only the newest ${TEAM_LIMIT.toLocaleString('en')} records are shown.` : '',
      unread
        ? `${unread === 1 ? 'One point' : `${unread} points`} there did not read as history records ` +
          `and ${unread === 1 ? 'was' : 'were'} left out.`
        : '',
    ].filter(Boolean);
    this.lastRead = {
      entries,
      readAt: this.p.now().toISOString(),
      since: since.toISOString(),
      notice: notes.join(' ') || null,
    };
    return this.lastRead;
  }

  /** The team's records as last read (read again when none were). */
  async entries(): Promise<TeamHistoryView['entries']> {
    return (this.lastRead ?? (await this.read())).entries;
  }

  dispose(): void {
    this.shipper.stop();
  }
}
