/**
 * Service users, as InfluxDB's docs advise: users that own the tokens machines use, so tokens do
 * not die with the people who made them. The Users view (roles, what each user owns, what deleting
 * it breaks), creating a service user in steps that are undone if one fails, and the marks Token
 * Desk keeps (the server has no such flag).
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import { TokenDeskError } from '$contract/errors';
import type { MainEvent } from '$contract/events';
import { productProfile } from '$contract/products';
import type { CreateServiceUserInput } from '$contract/user-schemas';
import {
  deletionImpact,
  userNameProblem,
  type CreatedServiceUser,
  type OrgRole,
  type OrphanToken,
  type ServiceUserStep,
  type UserRights,
  type UserRow,
  type UsersView,
} from '$contract/users';
import type { VaultOutcome } from '$contract/vault';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { InfluxRequestError } from '../influx/errors';
import {
  addMember,
  allUsers,
  createUser,
  deleteUser,
  members,
  probeCreateUsers,
  probeManageMembers,
  removeMember,
  setUserPassword,
  tasksOf,
  type TaskRef,
  type UserRef,
} from '../influx/users-api';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import { certainlyRefused, handToTeam, keepSecret } from '../vault/keep-secret';
import type { Vault } from '../vault/vault';
import { generatePassword } from '../secrets/generate-password';

const CLOUD_REASON =
  'InfluxDB Cloud does not let API tokens create users or set their passwords (its users API is for InfluxData’s ' +
  'own use). Invite people from Cloud’s web UI, and give each machine a token of its own.';
const OPERATOR_REASON =
  'This connection’s token cannot create users: that needs write on every user, which only an operator token ' +
  'holds. Connect with an operator token to create service users; nothing was changed.';

/** A step that failed, with what was undone after it, as one message a person can act on. */
function stepsFailed(name: string, failed: string, error: unknown, undone: ServiceUserStep[]): TokenDeskError {
  const why = error instanceof TokenDeskError ? error.message : 'it failed';
  const left = undone.filter((s) => s.state === 'not-undone');
  const after = left.length
    ? `These could not be undone; do them by hand: ${left.map((s) => s.label).join('; ')}.`
    : `The steps before it were undone (${undone.map((s) => s.label.toLowerCase()).join('; ')}): ` +
      'nothing was left behind.';
  return new TokenDeskError(
    error instanceof TokenDeskError ? error.code : 'INTERNAL',
    `Creating the service user “${name}” stopped at “${failed}”: ${why} ${after}`,
  );
}

export class UserService {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly log: Logger,
    private readonly notify: (event: MainEvent) => void,
  ) {}

  private serviceIDs(connectionId: string): Set<string> {
    return new Set(this.profiles.list().find((c) => c.id === connectionId)?.serviceUsers ?? []);
  }

  /**
   * The org's users with their roles, what each owns and what deleting it breaks; the tokens of deleted users from the
   * vault.
   */
  async view(connectionId: string, orgID: string): Promise<UsersView> {
    const client = await this.clients.forConnection(connectionId);
    const [product, me] = await Promise.all([client.product(), client.whoami(), client.knowOrgs(orgID)]);
    const oss = productProfile(product).serviceUsers;
    const unread: string[] = [];
    // A part the token may not read leaves the view usable, but said: never an empty part that looks complete.
    const optional = <T>(part: string, work: Promise<T>) =>
      work.catch((error: unknown): null => {
        unread.push(`${part}: ${error instanceof Error ? error.message : 'it could not be read'}`);
        return null;
      });
    const [memberList, ownerList, authorizations, users, taskLists, createUsers] = await Promise.all([
      oss ? optional('the org’s members', members(client, orgID, 'member')) : null,
      oss ? optional('the org’s owners', members(client, orgID, 'owner')) : null,
      client.listAuthorizations(),
      oss ? optional('the users', allUsers(client)) : null,
      oss
        ? Promise.all(
            [...client.orgNames.keys()].map((org) =>
              optional(`the tasks of ${client.orgNames.get(org) ?? org}`, tasksOf(client, org)),
            ),
          )
        : [],
      oss ? probeCreateUsers(client, me.name) : Promise.resolve(false),
    ]);
    const roles = new Map<string, OrgRole>([
      ...(memberList ?? []).map((u) => [u.id, 'member'] as const),
      ...(ownerList ?? []).map((u) => [u.id, 'owner'] as const),
    ]);
    const mapped = [...(memberList ?? []), ...(ownerList ?? [])];
    // The second round: what needs the first's answers (a mapped user to probe with, unlisted vault entries).
    const [manageMembers, orphans] = await Promise.all([
      oss && mapped[0] ? probeManageMembers(client, orgID, mapped[0].id) : Promise.resolve(oss ? null : false),
      this.orphans(connectionId, client, authorizations),
    ]);
    const orgName = client.orgNames.get(orgID) ?? orgID;
    const rights: UserRights = {
      createUsers,
      manageMembers,
      reason: !oss
        ? CLOUD_REASON
        : createUsers === false
          ? OPERATOR_REASON
          : manageMembers === false
            ? `This connection’s token cannot add users to ${orgName}: that needs write on the organization, which ` +
              `only an operator token holds.`
            : null,
    };
    return {
      orgID,
      users: this.rows(
        connectionId,
        orgID,
        authorizations,
        [...mapped, ...(users ?? [])],
        roles,
        taskLists.flatMap((t) => t ?? []),
      ),
      orphans,
      rights,
      unread,
    };
  }

  private rows(
    connectionId: string,
    orgID: string,
    authorizations: Authorization[],
    known: UserRef[],
    roles: Map<string, OrgRole>,
    tasks: TaskRef[],
  ): UserRow[] {
    const service = this.serviceIDs(connectionId);
    const byId = new Map(known.map((u) => [u.id, u]));
    const counts = new Map<string, { active: number; inactive: number; ids: string[] }>();
    const inOrg = new Set<string>(roles.keys());
    for (const a of authorizations) {
      const id = a.userID ?? '';
      const count = counts.get(id) ?? { active: 0, inactive: 0, ids: [] };
      count[a.status === 'inactive' ? 'inactive' : 'active'] += 1;
      if (a.id) count.ids.push(a.id);
      counts.set(id, count);
      if (a.orgID === orgID) inOrg.add(id);
      if (!byId.has(id) && a.user) byId.set(id, { id, name: a.user, status: 'active' });
    }
    return [...inOrg].flatMap((id) => {
      const user = byId.get(id);
      if (!user) return [];
      const count = counts.get(id) ?? { active: 0, inactive: 0, ids: [] };
      const owned = tasks.filter((t) => t.ownerID === id).map((t) => ({ id: t.id, name: t.name, active: t.active }));
      const impact = deletionImpact(user.name, count.active, count.inactive, owned.filter((t) => t.active).length);
      return [
        {
          id,
          name: user.name,
          status: user.status,
          role: roles.get(id) ?? null,
          service: service.has(id),
          activeTokens: count.active,
          inactiveTokens: count.inactive,
          tokenIds: count.ids,
          tasks: owned,
          impact,
        },
      ];
    });
  }

  /** Vault entries of tokens InfluxDB no longer lists because their user is gone: kept so they can be deleted by ID. */
  private async orphans(connectionId: string, client: InfluxClient, listed: Authorization[]): Promise<OrphanToken[]> {
    const present = new Set(listed.map((a) => a.id ?? ''));
    const unlisted = (await this.vault.list()).filter(
      (e) => e.kind === 'token' && e.connectionId === connectionId && !present.has(e.authorizationId),
    );
    const gone = await Promise.all(
      unlisted.map((e) =>
        client.getAuthorization(e.authorizationId).then(
          () => false,
          (error: unknown) => error instanceof InfluxRequestError && error.reason.influxMessage === 'user not found',
        ),
      ),
    );
    return unlisted
      .filter((_, i) => gone[i])
      .map((e) => ({
        entryId: e.id,
        authorizationId: e.authorizationId,
        description: e.description,
        userName: e.userName,
      }));
  }

  mark(connectionId: string, userID: string, service: boolean) {
    this.log.info('user.service-mark', { service });
    return this.profiles.markServiceUser(connectionId, userID, service);
  }

  /**
   * Creates the user, sets its password (saved to the vault first), adds it to each org, in that
   * order, telling the page each step; a failed step undoes the earlier ones.
   */
  async createService(input: CreateServiceUserInput): Promise<CreatedServiceUser> {
    const problem = userNameProblem(input.name);
    if (problem) throw new TokenDeskError('VALIDATION', problem);
    const client = await this.clients.forConnection(input.connectionId);
    const [product] = await Promise.all([client.product(), client.knowOrgs()]);
    if (!productProfile(product).serviceUsers) throw new TokenDeskError('VALIDATION', CLOUD_REASON);
    const orgName = (id: string) => client.orgNames.get(id) ?? id;
    const joins = input.memberships.map((m) => `Add it to ${orgName(m.orgID)} as ${m.role}`);
    const labels = [
      `Create user ${input.name}`,
      ...(input.password.kind === 'none' ? [] : ['Set its password']),
      ...joins,
    ];
    let done = 0;
    const tell = () =>
      this.notify({
        kind: 'progress',
        operationId: input.operationId,
        step: labels[done] ?? 'Done',
        done,
        total: labels.length,
      });
    tell();
    const made = await createUser(client, input.name).catch((error: unknown) => {
      if (error instanceof InfluxRequestError && error.reason.status === 422) {
        throw new TokenDeskError(
          'VALIDATION',
          `A user named “${input.name}” exists already on this server: names are unique. Choose another, or mark ` +
            `that user as a service user.`,
        );
      }
      return this.lostUser(client, input.name, error);
    });
    const undo: { label: string; run: () => Promise<unknown> }[] = [
      { label: `Deleted user ${input.name}`, run: () => deleteUser(client, made.id) },
    ];
    let password: CreatedServiceUser['password'] = null;
    try {
      done += 1;
      tell();
      if (input.password.kind !== 'none') {
        const value = input.password.kind === 'generate' ? generatePassword() : input.password.value;
        const vault = await this.savePassword(
          input.connectionId,
          client,
          made,
          value,
          input.memberships[0]?.orgID ?? '',
        );
        if (vault.saved)
          undo.push({ label: 'Removed its password from the vault', run: () => this.vault.remove(vault.entryId) });
        await setUserPassword(client, made.id, value);
        password = { value, vault };
        done += 1;
        tell();
      }
      for (const m of input.memberships) {
        await addMember(client, m.orgID, made.id, m.role);
        undo.push({ label: `Removed it from ${orgName(m.orgID)}`, run: () => removeMember(client, m.orgID, made.id) });
        done += 1;
        tell();
      }
    } catch (error) {
      const undone: ServiceUserStep[] = [];
      for (const u of undo.reverse())
        undone.push({
          label: u.label,
          state: await u.run().then(
            () => 'undone' as const,
            () => 'not-undone' as const,
          ),
        });
      this.log.warn('user.create-undone', { left: undone.filter((s) => s.state === 'not-undone').length });
      throw stepsFailed(input.name, labels[done] ?? 'A step', error, undone);
    }
    this.profiles.markServiceUser(input.connectionId, made.id, true);
    // Once every step held: an undone creation never reaches the team's vaults.
    if (password) password = { ...password, vault: await handToTeam(this.vault, password.vault, password.value) };
    this.log.info('user.service-created', { memberships: input.memberships.length, password: password !== null });
    return {
      user: { id: made.id, name: made.name },
      steps: labels.map((label) => ({ label, state: 'done' })),
      password,
    };
  }

  /**
   * The first step's answer was lost or broken: the user may exist. Names are unique, so it is looked
   * up; found, it is deleted again (nothing half-made is left) and the person told what happened.
   */
  private async lostUser(client: InfluxClient, name: string, error: unknown): Promise<never> {
    if (certainlyRefused(error) || !(error instanceof TokenDeskError)) throw error;
    const made = (await allUsers(client).catch(() => [] as UserRef[])).find((u) => u.name === name);
    if (!made) throw error;
    const undone = await deleteUser(client, made.id).then(
      () => true,
      () => false,
    );
    throw new TokenDeskError(
      'CREATE_INTERRUPTED',
      undone
        ? `${error.message} The server made the user “${name}” anyway; it was deleted again, so nothing is ` +
            'half-made. Create it again.'
        : `${error.message} The server made the user “${name}” anyway, and deleting it failed: it exists with no ` +
            'password and no organization.',
      { orphans: made.id },
    );
  }

  private async savePassword(
    connectionId: string,
    client: InfluxClient,
    made: UserRef,
    value: string,
    orgID: string,
  ): Promise<VaultOutcome> {
    return keepSecret(
      this.vault,
      this.log,
      {
        kind: 'user-password',
        login: made.name,
        connectionId,
        connectionName: this.profiles.get(connectionId).name,
        instanceUrl: client.target.url,
        orgID,
        orgName: client.orgNames.get(orgID) ?? '',
        authorizationId: made.id,
        userName: made.name,
        description: `${made.name}: UI sign-in password`,
        permissions: [],
        source: { kind: 'created' },
      },
      value,
      'before-sending',
    );
  }
}
