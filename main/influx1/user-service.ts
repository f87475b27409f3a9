/**
 * InfluxDB 1.x users: list with every user's grants (two round trips), create with the password in
 * the vault before it is sent, new passwords, privileges changed by their difference, admin on and
 * off, drop, the first admin of a server in setup state, a login check and copies for clients.
 * A request of several statements is not atomic: what ran before a failure is undone here.
 */
import { TokenDeskError } from '$contract/errors';
import {
  grantsText,
  influx1Privileges,
  influx1Snippet,
  type Influx1Grant,
  type Influx1PasswordSet,
  type Influx1Privilege,
  type Influx1SnippetFormat,
  type Influx1UserList,
  type Influx1UserRow,
} from '$contract/influx1';
import type { ConnectionSummary } from '$contract/connections';
import type { CreateInflux1UserInput } from '$contract/influx1-schemas';
import type { VaultOutcome, VaultSource } from '$contract/vault';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { InfluxRequestError } from '../influx/errors';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import { generatePassword } from '../secrets/generate-password';
import type { SecretClipboard } from '../vault/clipboard';
import { handToTeam, keepSecret, settleUnsent } from '../vault/keep-secret';
import type { Vault } from '../vault/vault';
import { influxql, loginOf, type StatementResult } from './api';
import { isSetupRefusal } from './check';
import { statements } from './influxql';

type PasswordChoice = { kind: 'generate' } | { kind: 'typed'; value: string };

const privilegeOf = (text: unknown): Influx1Privilege | null => {
  if (text === 'ALL PRIVILEGES') return 'ALL';
  return (influx1Privileges as readonly unknown[]).includes(text) ? (text as Influx1Privilege) : null;
};

// The server lists grants in no set order; by name, so a list reads the same each time.
const byDatabase = (a: Influx1Grant, b: Influx1Grant) => a.database.localeCompare(b.database);

/** SHOW GRANTS rows; a revoked database stays listed as NO PRIVILEGES, which is none. */
const grantsOf = (result: StatementResult): Influx1Grant[] =>
  result.rows
    .flatMap((r) => {
      const privilege = privilegeOf(r['privilege']);
      return typeof r['database'] === 'string' && privilege ? [{ database: r['database'], privilege }] : [];
    })
    .sort(byDatabase);

/** A statement's own error, as an error naming what was asked. */
function failed(result: StatementResult | undefined, what: string): TokenDeskError | null {
  if (!result?.error) return null;
  if (result.error === 'user not found')
    return new TokenDeskError('NOT_FOUND', `${what}: the user no longer exists on the server.`);
  if (result.error.startsWith('database not found'))
    return new TokenDeskError('NOT_FOUND', `${what}: ${result.error}. It may have been dropped meanwhile.`);
  return new TokenDeskError('STATEMENT_FAILED', `${what}: InfluxDB answered “${result.error}”.`);
}

export class Influx1UserService {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly clipboard: SecretClipboard,
    private readonly log: Logger,
  ) {}

  private client(connectionId: string): Promise<InfluxClient> {
    return this.clients.forConnection(connectionId);
  }

  /** Users first, then every user's grants in one request: the API's minimum. */
  async list(connectionId: string): Promise<Influx1UserList> {
    const client = await this.client(connectionId);
    const [usersResult, databasesResult] = await influxql(
      client,
      [statements.showUsers(), statements.showDatabases()],
      { doing: 'listing users' },
    );
    const users = (usersResult?.rows ?? []).flatMap((r) =>
      typeof r['user'] === 'string' ? [{ name: r['user'], admin: r['admin'] === true }] : [],
    );
    const grants = users.length
      ? await influxql(
          client,
          users.map((u) => statements.showGrants(u.name)),
          { doing: 'listing privileges' },
        )
      : [];
    const known = await this.vault.keys('influx1-password');
    const self = loginOf(client.target.token).username;
    // Review dates are Token Desk's own: those of users the server no longer has are forgotten.
    this.profiles.pruneReviews(connectionId, new Set(users.map((u) => u.name)));
    const reviews = this.profiles.reviewsOf(connectionId);
    const rows: Influx1UserRow[] = users.map((u, i) => ({
      name: u.name,
      admin: u.admin,
      grants: grants[i] && !grants[i].error ? grantsOf(grants[i]) : [],
      inVault: known.has(`${connectionId}:${u.name}`),
      self: u.name === self,
      reviewBy: reviews[u.name] ?? null,
    }));
    const databases = (databasesResult?.rows ?? [])
      .map((r) => r['name'])
      .filter((n): n is string => typeof n === 'string' && n !== '_internal');
    return { rows, databases, listedAt: new Date().toISOString() };
  }

  private async user(client: InfluxClient, connectionId: string, name: string): Promise<Influx1UserRow | null> {
    const [users, grants] = await influxql(client, [statements.showUsers(), statements.showGrants(name)], {
      doing: 'reading a user',
    });
    const found = users?.rows.find((r) => r['user'] === name);
    if (!found) return null;
    const known = await this.vault.keys('influx1-password');
    return {
      name,
      admin: found['admin'] === true,
      grants: grants && !grants.error ? grantsOf(grants) : [],
      inVault: known.has(`${connectionId}:${name}`),
      self: loginOf(client.target.token).username === name,
      reviewBy: this.profiles.reviewsOf(connectionId)[name] ?? null,
    };
  }

  /** A user's review-by date (null clears it): Token Desk's own record, nothing changes on the server. */
  setReview(connectionId: string, name: string, reviewBy: string | null): ConnectionSummary {
    return this.profiles.setReview(connectionId, name, reviewBy);
  }

  private keep(connectionId: string, client: InfluxClient, name: string, password: string, source: VaultSource) {
    const connection = this.profiles.get(connectionId);
    return keepSecret(
      this.vault,
      this.log,
      {
        connectionId,
        connectionName: connection.name,
        instanceUrl: client.target.url,
        orgID: '',
        orgName: '',
        authorizationId: name,
        userName: name,
        description: name,
        permissions: [],
        source,
        kind: 'influx1-password',
        login: name,
      },
      password,
      'before-sending',
    );
  }

  private async forget(vault: VaultOutcome): Promise<void> {
    if (vault.saved) await this.vault.remove(vault.entryId).catch(() => undefined);
  }

  /**
   * The user, its password (in the vault first) and its privileges in one request. If a grant fails
   * after the user was made, the user is dropped again and the vault entry removed: nothing half-made.
   */
  async create(input: CreateInflux1UserInput): Promise<Influx1PasswordSet> {
    const client = await this.client(input.connectionId);
    const password = input.password.kind === 'generate' ? generatePassword() : input.password.value;
    const vault = await this.keep(input.connectionId, client, input.name, password, { kind: 'created' });
    const grants = input.admin ? [] : uniqueGrants(input.grants);
    const asked = [
      statements.createUser(input.name, password, input.admin),
      ...grants.map((g) => statements.grant(g.privilege, g.database, input.name)),
    ];
    let results: StatementResult[];
    try {
      results = await influxql(client, asked, { doing: 'creating a user', secrets: [password] });
    } catch (error) {
      // A refused connection sent nothing; any other failure may have lost the answer to a user that
      // exists: look before saying what is true, and keep the password while it cannot be told.
      const made = neverSent(error)
        ? null
        : await this.user(client, input.connectionId, input.name).catch(() => undefined);
      if (made === null) await this.forget(vault);
      if (made)
        throw new TokenDeskError(
          'CREATE_INTERRUPTED',
          `The answer to creating “${input.name}” was lost, but the user exists on the server` +
            `${vault.saved ? ' and its password is in the vault' : ''}. Check its privileges before using it.`,
        );
      if (made === undefined && vault.saved && error instanceof TokenDeskError)
        throw new TokenDeskError(
          error.code,
          `${error.message} Whether “${input.name}” was made cannot be told now: its password is kept in the vault ` +
            'in case it was.',
          error.details,
        );
      throw error;
    }
    if (results[0]?.error === 'user already exists') {
      await this.forget(vault);
      throw new TokenDeskError('VALIDATION', `A user named “${input.name}” exists already. Choose another name.`);
    }
    const problem = failed(results[0], `Creating “${input.name}” failed`);
    if (problem) {
      await this.forget(vault);
      throw problem;
    }
    const at = results.findIndex((r, i) => i > 0 && r.error);
    if (at > 0) {
      const grant = grants[at - 1];
      const undo = await influxql(client, [statements.dropUser(input.name)], { doing: 'undoing a user' }).then(
        (r) => !r[0]?.error,
        () => false,
      );
      if (undo) await this.forget(vault);
      throw new TokenDeskError(
        'STATEMENT_FAILED',
        `Granting ${grant?.privilege} on ${grant?.database} to “${input.name}” failed, so nothing after it ran. ` +
          (undo
            ? 'The user was dropped again: nothing was left behind. Check that the database still exists.'
            : `The user could not be dropped again: it exists with only part of its privileges` +
              `${vault.saved ? '; its password is in the vault' : ''}. Drop it or change its privileges.`),
      );
    }
    if (input.reviewBy) this.profiles.setReview(input.connectionId, input.name, input.reviewBy);
    // Every statement succeeded, so the user is what was asked: no second request to read it back.
    const user: Influx1UserRow = {
      name: input.name,
      admin: input.admin,
      grants: [...grants].sort(byDatabase),
      inVault: vault.saved,
      self: false,
      reviewBy: input.reviewBy ?? null,
    };
    return { user, password, vault: await handToTeam(this.vault, vault, password) };
  }

  /** A server with authentication on and no user: its first admin, which the connection then logs in as. */
  async createFirstAdmin(connectionId: string, name: string): Promise<Influx1PasswordSet> {
    const client = await this.client(connectionId);
    const password = generatePassword();
    const vault = await this.keep(connectionId, client, name, password, { kind: 'created' });
    const results = await influxql(client, [statements.createUser(name, password, true)], {
      doing: 'creating the first admin',
      secrets: [password],
      // The server accepts this one statement without credentials; sending the connection's would be refused.
      as: { username: '', password: '' },
    }).catch(async (error: unknown) => {
      await this.forget(vault);
      if (error instanceof InfluxRequestError && !isSetupRefusal(error) && error.reason.status === 401)
        throw new TokenDeskError('VALIDATION', 'This server has users already: connect as one of its admins.');
      throw error;
    });
    const problem = failed(results[0], `Creating the first admin “${name}” failed`);
    if (problem) {
      await this.forget(vault);
      throw problem;
    }
    await this.profiles.replaceToken(connectionId, `${name}:${password}`);
    this.clients.factsOf(connectionId, true);
    const user: Influx1UserRow = { name, admin: true, grants: [], inVault: vault.saved, self: true, reviewBy: null };
    return { user, password, vault: await handToTeam(this.vault, vault, password) };
  }

  /** The new password goes to the vault first; if the server refuses it, the entry is taken back. */
  async setPassword(
    connectionId: string,
    name: string,
    choice: PasswordChoice,
    reviewBy?: string | null,
  ): Promise<Influx1PasswordSet> {
    const client = await this.client(connectionId);
    const password = choice.kind === 'generate' ? generatePassword() : choice.value;
    const vault = await this.keep(connectionId, client, name, password, { kind: 'password-set' });
    const results = await influxql(client, [statements.setPassword(name, password)], {
      doing: 'setting a password',
      secrets: [password],
    }).catch((error: unknown) => settleUnsent(this.vault, vault, error, 'the new password'));
    const problem = failed(results[0], `Setting the password of “${name}” failed`);
    if (problem) {
      await this.forget(vault);
      throw problem;
    }
    if (reviewBy !== undefined) this.profiles.setReview(connectionId, name, reviewBy);
    const login = loginOf(client.target.token);
    // A connection that signs JWTs from the shared secret needs no password, so it stays as it is.
    if (login.username === name && login.kind === 'password') {
      await this.profiles.replaceToken(connectionId, `${name}:${password}`);
      this.clients.factsOf(connectionId, true);
    }
    const user = (await this.user(await this.client(connectionId), connectionId, name)) ?? null;
    if (!user) throw new TokenDeskError('NOT_FOUND', `“${name}” no longer exists on the server.`);
    return { user, password, vault: await handToTeam(this.vault, vault, password) };
  }

  /** Privileges changed by their difference with what the server holds now: grants and revokes in one request. */
  async setGrants(connectionId: string, name: string, wanted: Influx1Grant[]): Promise<Influx1UserRow> {
    const client = await this.client(connectionId);
    const current = await this.user(client, connectionId, name);
    if (!current) throw new TokenDeskError('NOT_FOUND', `“${name}” no longer exists on the server.`);
    const next = uniqueGrants(wanted);
    const keep = new Map(next.map((g) => [g.database, g.privilege]));
    const asked = [
      ...current.grants.filter((g) => !keep.has(g.database)).map((g) => statements.revokeAll(g.database, name)),
      ...next
        .filter((g) => current.grants.find((c) => c.database === g.database)?.privilege !== g.privilege)
        .map((g) => statements.grant(g.privilege, g.database, name)),
    ];
    if (asked.length === 0) return current;
    const results = await influxql(client, asked, { doing: 'changing privileges' });
    const at = results.findIndex((r) => r.error);
    if (at >= 0) {
      const now = await this.user(client, connectionId, name).catch(() => null);
      const said = results[at]?.error;
      const holds = now ? `It now holds: ${grantsText(now)}.` : '';
      throw new TokenDeskError(
        'STATEMENT_FAILED',
        `Changing the privileges of “${name}” stopped at “${asked[at]}”` +
          `${said && said !== 'not executed' ? ` (${said})` : ''}; ` +
          `${at} of ${asked.length} changes were made. ${holds}`,
      );
    }
    return (await this.user(client, connectionId, name)) ?? current;
  }

  /**
   * Admin on or off. Demoting the last admin or the connection's own user locks the server (every
   * query then answers "no user provided" until its config is edited): that needs the typed name.
   */
  async setAdmin(connectionId: string, name: string, admin: boolean, confirm?: string): Promise<Influx1UserRow> {
    const client = await this.client(connectionId);
    if (!admin) await this.guardLockOut(connectionId, client, name, confirm, 'demote');
    const statement = admin ? statements.grantAdmin(name) : statements.revokeAdmin(name);
    const results = await influxql(client, [statement], { doing: admin ? 'making an admin' : 'removing admin' });
    const problem = failed(results[0], `Changing whether “${name}” is an admin failed`);
    if (problem) throw problem;
    const user = await this.user(client, connectionId, name).catch(() => null);
    return user ?? { name, admin, grants: [], inVault: false, self: false, reviewBy: null };
  }

  async drop(connectionId: string, name: string, confirm?: string): Promise<void> {
    const client = await this.client(connectionId);
    await this.guardLockOut(connectionId, client, name, confirm, 'drop');
    const results = await influxql(client, [statements.dropUser(name)], { doing: 'dropping a user' });
    const problem = failed(results[0], `Dropping “${name}” failed`);
    if (problem) throw problem;
    this.profiles.setReview(connectionId, name, null);
  }

  private async guardLockOut(
    connectionId: string,
    client: InfluxClient,
    name: string,
    confirm: string | undefined,
    change: 'drop' | 'demote',
  ): Promise<void> {
    const [users] = await influxql(client, [statements.showUsers()], { doing: 'checking the admins' });
    const admins = (users?.rows ?? []).filter((r) => r['admin'] === true).map((r) => String(r['user']));
    const self = loginOf(client.target.token).username === name;
    const lastAdmin = admins.length === 1 && admins[0] === name;
    if (!self && !lastAdmin) return;
    const connection = this.profiles.get(connectionId);
    if (confirm === connection.name) return;
    const verb = change === 'drop' ? 'Dropping' : 'Demoting';
    throw new TokenDeskError(
      'CONFIRMATION_REQUIRED',
      `${verb} “${name}” would lock this server: ` +
        `${lastAdmin ? 'it is its last admin' : 'this connection logs in as it'}` +
        `${lastAdmin && self ? ', and this connection logs in as it' : ''}. InfluxDB 1.x allows it, and then answers ` +
        'every query with “no user provided” until someone sets auth-enabled = false in its config, restarts it, ' +
        'creates an admin and turns authentication back on. Type the connection’s name to go on anyway.',
      { lastAdmin, self },
    );
  }

  private async knownPassword(connectionId: string, name: string): Promise<string> {
    const entryId = (await this.vault.keys('influx1-password')).get(`${connectionId}:${name}`);
    if (!entryId)
      throw new TokenDeskError(
        'VALIDATION',
        `Token Desk does not know the password of “${name}”: type it to check it, or set a new one.`,
      );
    return this.vault.reveal(entryId);
  }

  /** Logs in as the user and runs SHOW DATABASES: changes nothing, and a refusal does not fail the connection. */
  async checkUser(connectionId: string, name: string, typed?: string): Promise<{ ok: boolean; message: string }> {
    const client = await this.client(connectionId);
    const password = typed ?? (await this.knownPassword(connectionId, name));
    try {
      const [result] = await influxql(client, [statements.showDatabases()], {
        doing: 'logging in as the user',
        as: { username: name, password },
      });
      const names = (result?.rows ?? []).map((r) => String(r['name'])).filter((n) => n !== '_internal');
      return {
        ok: true,
        message: `“${name}” logs in${names.length ? `, and sees ${names.join(', ')}` : ', and sees no database'}.`,
      };
    } catch (error) {
      if (error instanceof InfluxRequestError && error.reason.status === 401)
        return { ok: false, message: `“${name}” cannot log in with that password (${error.reason.influxMessage}).` };
      throw error;
    }
  }

  async copySnippet(
    connectionId: string,
    name: string,
    format: Influx1SnippetFormat,
    database: string,
  ): Promise<number | null> {
    const client = await this.client(connectionId);
    const password = await this.knownPassword(connectionId, name);
    return this.clipboard.copy(
      influx1Snippet(format, { url: client.target.url, username: name, database, password }),
      true,
    );
  }
}

/** The request never reached the server (nothing accepted the connection, or the host is unknown). */
function neverSent(error: unknown): boolean {
  const code = error instanceof TokenDeskError ? error.details?.['networkCode'] : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}

/** One privilege per database (a later GRANT replaces an earlier one on the server too). */
function uniqueGrants(grants: readonly Influx1Grant[]): Influx1Grant[] {
  return [...new Map(grants.map((g) => [g.database, g])).values()];
}
