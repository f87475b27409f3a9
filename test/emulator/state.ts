/**
 * The emulator's in-memory database: tenants, resources and authorizations, with InfluxDB's ID and
 * token formats. Seeds and tests reach it directly (`emulator.state`) to arrange and inspect.
 */
import { PointStore } from './points';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type {
  Mode,
  OrgRole,
  StoredAuthorization,
  StoredDbrp,
  StoredTask,
  StoredBucket,
  StoredOrg,
  StoredOrgResource,
  StoredPermission,
  StoredUser,
} from './model';
import { allAccessPermissions, operatorPermissions, resourceTypesOf } from './permissions';
import { seededRandom, type Random } from './random';
import { V3State } from './v3-state';
import { ClusterState } from './cluster-state';

export interface OnboardResult {
  user: StoredUser;
  org: StoredOrg;
  bucket: StoredBucket;
  auth: StoredAuthorization;
}

export class EmulatorState {
  readonly users = new Map<string, StoredUser>();
  readonly orgs = new Map<string, StoredOrg>();
  readonly buckets = new Map<string, StoredBucket>();
  readonly telegrafs = new Map<string, StoredOrgResource>();
  readonly dashboards = new Map<string, StoredOrgResource>();
  readonly tasks = new Map<string, StoredTask>();
  /** User-resource mappings on orgs: orgID → userID → role (one mapping per user and org). */
  readonly orgMembers = new Map<string, Map<string, OrgRole>>();
  /** Users' UI passwords, kept apart as InfluxDB keeps their hashes apart. */
  readonly userPasswords = new Map<string, string>();
  /** Insertion order is ascending ID order, which is the order InfluxDB lists them in. */
  readonly authorizations = new Map<string, StoredAuthorization>();
  /** Deleted users' tokens stay stored, as in InfluxDB; the user is gone from `users`. */
  readonly deletedUsers = new Set<string>();
  private readonly byToken = new Map<string, string>();
  /**
   * v1-compatibility (legacy) authorizations, a store of their own: `token` is the v1 username.
   * Their passwords are kept apart, as InfluxDB keeps bcrypt hashes apart (scrypt here: no bcrypt dependency).
   */
  readonly legacyAuthorizations = new Map<string, StoredAuthorization>();
  readonly legacyPasswords = new Map<string, string>();
  /** Physical DBRP mappings; virtual ones are derived from the buckets (dbrps.ts). */
  readonly dbrps = new Map<string, StoredDbrp>();
  /** `influxd --strong-passwords` (2.7.6+, off by default). */
  strongPasswords = false;
  /** Lines written through /api/v2/write, by bucket ID, in order. */
  readonly written: { bucket: string; line: string }[] = [];
  /** The same lines as points, by bucket ID: what a query reads back (points.ts). */
  readonly points = new Map<string, PointStore>();

  pointsOf(bucketID: string): PointStore {
    let store = this.points.get(bucketID);
    if (!store) {
      store = new PointStore();
      this.points.set(bucketID, store);
    }
    return store;
  }
  /** InfluxDB 3's tokens and databases (v3 modes). */
  readonly v3: V3State;
  /** Cloud Dedicated and Clustered: databases, management and database tokens (cluster modes). */
  readonly cluster: ClusterState;
  private counter = 0;
  onboarded = false;

  constructor(
    readonly mode: Mode,
    readonly now: () => Date = () => new Date(),
    /** Seeded scenarios draw token values from here; API-created tokens use crypto randomness. */
    private readonly random: Random = seededRandom(1),
  ) {
    this.v3 = new V3State(now, random);
    this.cluster = new ClusterState(now);
  }

  /** 16 lowercase hex characters, ascending in creation order like InfluxDB's snowflake IDs. */
  newId(): string {
    this.counter += 1;
    return ((0x0a3f2c1e9b4n << 20n) | BigInt(this.counter)).toString(16).padStart(16, '0');
  }

  /** 64 bytes, base64url with padding: 88 characters ending in "==". */
  newToken(seeded = false): string {
    const bytes = seeded ? this.random.bytes(64) : randomBytes(64);
    return `${bytes.toString('base64url')}==`;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  addUser(name: string): StoredUser {
    const user: StoredUser = { id: this.newId(), name, status: 'active' };
    this.users.set(user.id, user);
    return user;
  }

  addOrg(name: string, description = ''): StoredOrg {
    const at = this.stamp();
    const org: StoredOrg = { id: this.newId(), name, description, createdAt: at, updatedAt: at };
    this.orgs.set(org.id, org);
    return org;
  }

  addBucket(
    orgID: string,
    name: string,
    options: { type?: 'user' | 'system'; retentionSeconds?: number; description?: string } = {},
  ): StoredBucket {
    const at = this.stamp();
    const bucket: StoredBucket = {
      id: this.newId(),
      orgID,
      name,
      description: options.description ?? '',
      createdAt: at,
      updatedAt: at,
      type: options.type ?? 'user',
      retentionSeconds: options.retentionSeconds ?? 0,
    };
    this.buckets.set(bucket.id, bucket);
    return bucket;
  }

  addOrgResource(kind: 'telegrafs' | 'dashboards', orgID: string, name: string, description = ''): StoredOrgResource {
    const at = this.stamp();
    const item: StoredOrgResource = { id: this.newId(), orgID, name, description, createdAt: at, updatedAt: at };
    this[kind].set(item.id, item);
    return item;
  }

  addTask(orgID: string, name: string, ownerID: string, status: 'active' | 'inactive' = 'active'): StoredTask {
    const at = this.stamp();
    const task: StoredTask = {
      id: this.newId(),
      orgID,
      name,
      description: '',
      createdAt: at,
      updatedAt: at,
      ownerID,
      status,
      lastRunStatus: status === 'active' ? 'success' : null,
    };
    this.tasks.set(task.id, task);
    return task;
  }

  /** Adds a user to an org as member or owner; false when the user already has a mapping there. */
  addMember(orgID: string, userID: string, role: OrgRole): boolean {
    const members = this.orgMembers.get(orgID) ?? new Map<string, OrgRole>();
    this.orgMembers.set(orgID, members);
    if (members.has(userID)) return false;
    members.set(userID, role);
    return true;
  }

  roleIn(orgID: string, userID: string): OrgRole | undefined {
    return this.orgMembers.get(orgID)?.get(userID);
  }

  /** Whether `password` is the user's UI password (what /api/v2/signin checks). */
  passwordMatches(userID: string, password: string): boolean {
    const [salt, hash] = (this.userPasswords.get(userID) ?? ':').split(':');
    if (!salt || !hash) return false;
    return scryptSync(password, Buffer.from(salt, 'hex'), 32).toString('hex') === hash;
  }

  setUserPassword(userID: string, password: string): void {
    const salt = randomBytes(16);
    this.userPasswords.set(userID, `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`);
  }

  addAuthorization(input: {
    orgID: string;
    userID: string;
    permissions: StoredPermission[];
    description?: string;
    status?: 'active' | 'inactive';
    token?: string;
    seeded?: boolean;
  }): StoredAuthorization {
    const at = this.stamp();
    const auth: StoredAuthorization = {
      id: this.newId(),
      token: input.token ?? this.newToken(input.seeded ?? false),
      status: input.status ?? 'active',
      description: input.description ?? '',
      orgID: input.orgID,
      userID: input.userID,
      permissions: input.permissions.map((p) => ({ action: p.action, resource: { ...p.resource } })),
      createdAt: at,
      updatedAt: at,
    };
    this.authorizations.set(auth.id, auth);
    this.byToken.set(auth.token, auth.id);
    return auth;
  }

  addLegacyAuthorization(input: {
    orgID: string;
    userID: string;
    username: string;
    permissions: StoredPermission[];
    description?: string;
    status?: 'active' | 'inactive';
  }): StoredAuthorization {
    const at = this.stamp();
    const auth: StoredAuthorization = {
      id: this.newId(),
      token: input.username,
      status: input.status ?? 'active',
      description: input.description ?? '',
      orgID: input.orgID,
      userID: input.userID,
      permissions: input.permissions.map((p) => ({ action: p.action, resource: { ...p.resource } })),
      createdAt: at,
      updatedAt: at,
    };
    this.legacyAuthorizations.set(auth.id, auth);
    return auth;
  }

  findLegacyByUsername(username: string): StoredAuthorization | undefined {
    for (const auth of this.legacyAuthorizations.values()) if (auth.token === username) return auth;
    return undefined;
  }

  setLegacyPassword(id: string, password: string): void {
    const salt = randomBytes(16);
    this.legacyPasswords.set(id, `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`);
  }

  /** Does `password` open the v1 authorization `id`? (No password set: nothing does.) */
  legacyPasswordMatches(id: string, password: string): boolean {
    const [salt, hash] = (this.legacyPasswords.get(id) ?? '').split(':');
    if (!salt || !hash) return false;
    return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'hex'), 32), Buffer.from(hash, 'hex'));
  }

  addDbrp(input: Omit<StoredDbrp, 'id'>): StoredDbrp {
    const dbrp: StoredDbrp = { id: this.newId(), ...input };
    this.dbrps.set(dbrp.id, dbrp);
    return dbrp;
  }

  findByToken(token: string): StoredAuthorization | undefined {
    const id = this.byToken.get(token);
    return id === undefined ? undefined : this.authorizations.get(id);
  }

  removeAuthorization(id: string): void {
    const auth = this.authorizations.get(id);
    if (!auth) return;
    this.authorizations.delete(id);
    this.byToken.delete(auth.token);
  }

  touch(auth: StoredAuthorization): void {
    auth.updatedAt = this.stamp();
  }

  /**
   * Deleting a user keeps its tokens stored but hidden (using one answers 403 "User is inactive");
   * its password and every mapping go with it.
   */
  deleteUser(id: string): void {
    if (!this.users.delete(id)) return;
    this.deletedUsers.add(id);
    this.userPasswords.delete(id);
    for (const members of this.orgMembers.values()) members.delete(id);
  }

  findOrgByName(name: string): StoredOrg | undefined {
    for (const org of this.orgs.values()) if (org.name === name) return org;
    return undefined;
  }

  findUserByName(name: string): StoredUser | undefined {
    for (const user of this.users.values()) if (user.name === name) return user;
    return undefined;
  }

  resourceTypes() {
    return resourceTypesOf(this.mode);
  }

  /**
   * POST /api/v2/setup: the first user, org and bucket, and the operator token "<user>'s Token".
   * Cloud has no setup and no operator: its first token is the org owner's all-access token.
   */
  onboard(input: {
    username: string;
    org: string;
    bucket: string;
    retentionSeconds?: number;
    token?: string;
    seeded?: boolean;
  }): OnboardResult {
    const user = this.addUser(input.username);
    const org = this.addOrg(input.org);
    const bucket = this.addBucket(org.id, input.bucket, { retentionSeconds: input.retentionSeconds ?? 0 });
    this.addMember(org.id, user.id, 'owner');
    this.addBucket(org.id, '_monitoring', {
      type: 'system',
      retentionSeconds: 604800,
      description: 'System bucket for monitoring logs',
    });
    this.addBucket(org.id, '_tasks', {
      type: 'system',
      retentionSeconds: 259200,
      description: 'System bucket for task logs',
    });
    const auth = this.addAuthorization({
      orgID: org.id,
      userID: user.id,
      permissions:
        this.mode === 'cloud' ? allAccessPermissions(this.mode, org.id, user.id) : operatorPermissions(this.mode),
      description: `${input.username}'s Token`,
      ...(input.token !== undefined ? { token: input.token } : {}),
      seeded: input.seeded ?? false,
    });
    this.onboarded = true;
    return { user, org, bucket, auth };
  }
}
