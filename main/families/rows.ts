/**
 * Each family's credentials in the common shape (contract/credentials.ts): what the overview, the
 * search across connections and the inventory read, whatever the product. A family provides its
 * mapping here, from the lists its own services already make (one list per family per connection).
 * The last list of each connection is kept, so the views across connections answer at once.
 */
import { serverOfUrl } from '$contract/bounded';
import type {
  CredentialGrant,
  CredentialList,
  CredentialReview,
  CredentialRow,
  FleetEntry,
  Retirement,
} from '$contract/credentials';
import { reviewable } from '$contract/fleet';
import { TokenDeskError } from '$contract/errors';
import type { FamilyId } from '$contract/families';
import { grantsText } from '$contract/influx1';
import { productProfile, type ProductKind } from '$contract/products';
import type { TokenPermission } from '$contract/permissions';
import type { V1CredentialRow } from '$contract/v1-credentials';
import type { InfluxClients } from '../influx/clients';
import type { Influx1UserService } from '../influx1/user-service';
import { v1ReviewKey, type ConnectionProfiles } from '../profiles/profiles';
import type { TokenService } from '../tokens/token-service';
import type { V1CredentialService } from '../v1/v1-credential-service';
import type { Vault } from '../vault/vault';
import type { V3TokenService } from '../v3/v3-token-service';
import { sameSha512, type Digests } from '../secrets/digests';
import type { ClusterTokenService } from '../cluster/token-service';

export interface RowSources {
  tokens: TokenService;
  v1: V1CredentialService;
  v3: V3TokenService;
  influx1: Influx1UserService;
  cluster: ClusterTokenService;
}

/** What a row needs from the connection's own notes: its service users and its credentials waiting to be retired. */
interface Notes {
  serviceUsers: ReadonlySet<string>;
  retirements: Readonly<Record<string, Retirement>>;
}

/** A family's rows, and where the server lets a value be matched (a value returned, a hash kept), the match. */
interface Listed {
  rows: CredentialRow[];
  knows?: (digests: Digests) => string | null;
}

type RowsOf = (connectionId: string, product: ProductKind, notes: Notes) => Promise<Listed>;

/** "Read telemetry · Write sensors, logs". */
const bucketsText = (c: V1CredentialRow) =>
  [
    c.read.length ? `Read ${c.read.map((b) => b.name).join(', ')}` : '',
    c.write.length ? `Write ${c.write.map((b) => b.name).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ') || 'No bucket';

/** A 2.x token's data access: buckets by name; a permission on every bucket (or the instance) is `*`. */
function v2Grants(permissions: readonly TokenPermission[]): CredentialGrant[] {
  return permissions.flatMap((p): CredentialGrant[] => {
    if (p.resource.type === 'instance') return [{ action: p.action, resource: '*' }];
    if (p.resource.type !== 'buckets') return [];
    return [{ action: p.action, resource: p.resource.id ? (p.resource.name ?? p.resource.id) : '*' }];
  });
}

/** `db:sensors,logs:read,write;system:health:read` → reads and writes of sensors and logs. */
function v3Grants(permissions: string): CredentialGrant[] {
  if (permissions === '*:*:*') return [all('read'), all('write')];
  return permissions.split(';').flatMap((part) => {
    const [type, names = '', actions = ''] = part.split(':');
    if (type !== 'db') return [];
    return actions
      .split(',')
      .filter((a): a is 'read' | 'write' => a === 'read' || a === 'write')
      .flatMap((action) => names.split(',').map((resource) => ({ action, resource })));
  });
}

const all = (action: 'read' | 'write'): CredentialGrant => ({ action, resource: '*' });

const ownerKind = (notes: Notes, userID: string): CredentialRow['ownerKind'] =>
  notes.serviceUsers.has(userID) ? 'service' : 'person';

function familyRows({ tokens, v1, v3, influx1, cluster }: RowSources): Record<FamilyId, RowsOf> {
  return {
    v2: async (connectionId, product, notes) => {
      // Both lists at once: one round trip's wait, not two.
      const [list, credentials] = await Promise.all([
        tokens.list(connectionId),
        productProfile(product).v1Credentials ? v1.list(connectionId).then((l) => l.rows) : [],
      ]);
      const rows: CredentialRow[] = [
        ...list.rows.map((t) => ({
          family: 'v2' as const,
          id: t.id,
          kind: `token:${t.kind}`,
          name: t.description,
          owner: t.userName,
          permissions: t.summary,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          expiresAt: null,
          reviewBy: t.reviewBy,
          status: t.status,
          inVault: t.inVault,
          tab: 'tokens' as const,
          privileged: t.kind === 'operator',
          grants:
            t.kind === 'all-access' || t.kind === 'operator' ? [all('read'), all('write')] : v2Grants(t.permissions),
          writesAny:
            t.kind === 'all-access' || t.kind === 'operator' || t.permissions.some((p) => p.action === 'write'),
          ownerKind: ownerKind(notes, t.userID),
          retirement: notes.retirements[t.id] ?? null,
        })),
        ...credentials.map((c) => ({
          family: 'v2' as const,
          id: c.id,
          kind: 'v1-credential',
          name: c.username,
          owner: c.userName,
          permissions: bucketsText(c),
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          expiresAt: null,
          reviewBy: c.reviewBy,
          status: c.status,
          inVault: c.passwordEntryId !== null,
          tab: 'v1' as const,
          privileged: false,
          grants: [
            ...c.read.map((b) => ({ action: 'read' as const, resource: b.name })),
            ...c.write.map((b) => ({ action: 'write' as const, resource: b.name })),
          ],
          writesAny: c.write.length > 0,
          ownerKind: ownerKind(notes, c.userID),
          retirement: notes.retirements[c.id] ?? null,
        })),
      ];
      return { rows, knows: (d) => tokens.readableTokenOf(connectionId, d.sha256) };
    },
    v3: async (connectionId, _product, notes) => {
      const list = await v3.list(connectionId);
      const knows = (d: Digests) => list.rows.find((t) => sameSha512(t.hash, d.sha512))?.id ?? null;
      const rows = list.rows.map((t): CredentialRow => {
        const grants = v3Grants(t.permissions);
        return {
          family: 'v3',
          id: t.id,
          kind: `v3:${t.kind}`,
          name: t.name,
          owner: null,
          permissions: t.summary,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          expiresAt: t.expiry,
          reviewBy: null,
          status: t.expired ? 'expired' : 'active',
          inVault: t.vaultEntryId !== null,
          tab: 'tokens',
          privileged: t.kind === 'operator' || t.kind === 'admin',
          grants,
          // InfluxDB 3 writes only data: its grants say it all.
          writesAny: grants.some((g) => g.action === 'write'),
          ownerKind: null,
          retirement: notes.retirements[t.id] ?? null,
        };
      });
      return { rows, knows };
    },
    influx1: async (connectionId, _product, notes) => {
      const list = await influx1.list(connectionId);
      const rows = list.rows.map((u): CredentialRow => ({
        family: 'influx1',
        id: u.name,
        kind: u.admin ? 'influx1:admin' : 'influx1:user',
        name: u.name,
        owner: u.name,
        permissions: grantsText(u),
        createdAt: null,
        updatedAt: null,
        expiresAt: null,
        reviewBy: u.reviewBy,
        status: 'active',
        inVault: u.inVault,
        tab: 'users',
        privileged: u.admin,
        grants: u.admin
          ? [all('read'), all('write')]
          : u.grants.flatMap((g) =>
              (g.privilege === 'ALL'
                ? (['read', 'write'] as const)
                : g.privilege === 'WRITE'
                  ? ['write' as const]
                  : ['read' as const]
              ).map((action) => ({ action, resource: g.database })),
            ),
        writesAny: u.admin || u.grants.some((g) => g.privilege !== 'READ'),
        ownerKind: null,
        retirement: notes.retirements[u.name] ?? null,
      }));
      return { rows };
    },
    cluster: async (connectionId, _product, notes) => {
      const list = await cluster.list(connectionId);
      const rows = list.rows.map((t): CredentialRow => ({
        family: 'cluster',
        id: t.id,
        kind: 'cluster:database',
        name: t.description,
        owner: null,
        permissions: t.summary,
        createdAt: t.createdAt,
        updatedAt: null,
        expiresAt: t.expiresAt,
        reviewBy: t.reviewBy,
        status: t.status,
        inVault: t.vaultEntryId !== null,
        tab: 'tokens',
        privileged: false,
        grants: t.permissions.map((p) => ({ action: p.action, resource: p.resource })),
        writesAny: t.permissions.some((p) => p.action === 'write'),
        ownerKind: null,
        retirement: notes.retirements[t.id] ?? null,
      }));
      return { rows };
    },
  };
}

export class CredentialRows {
  private readonly families: Record<FamilyId, RowsOf>;
  /** Each connection's last list or failure, for the views that answer before a refresh does. */
  private readonly last = new Map<string, FleetEntry>();
  /** Each connection's matcher of values, from its last list. */
  private readonly knows = new Map<string, (digests: Digests) => string | null>();

  constructor(
    private readonly clients: InfluxClients,
    private readonly profiles: ConnectionProfiles,
    private readonly vault: Vault,
    sources: RowSources,
    private readonly now: () => Date,
  ) {
    this.families = familyRows(sources);
  }

  /** A connection's server, as refreshAll groups them; a connection removed meanwhile is its own. */
  serverOf(connectionId: string): string {
    try {
      return serverOfUrl(this.profiles.get(connectionId).url);
    } catch {
      return connectionId;
    }
  }

  /** One connection's credentials, whichever family its product is; kept as its last list. */
  async list(connectionId: string): Promise<CredentialList> {
    try {
      const list = await this.read(connectionId);
      this.last.set(connectionId, { connectionId, list, error: null });
      return list;
    } catch (error) {
      const previous = this.last.get(connectionId)?.list ?? null;
      const at = this.now().toISOString();
      // Said as the call's failure says it; an unexpected one in plain words, its details kept in main.
      const shape =
        error instanceof TokenDeskError
          ? error.toShape()
          : { code: 'INTERNAL' as const, message: 'The list could not be read; try again.' };
      this.last.set(connectionId, { connectionId, list: previous, error: { ...shape, at } });
      throw error;
    }
  }

  /** The last list (or failure) of every saved connection, in the sidebar's order; nothing is asked. */
  /**
   * Review dates of rows in a connection's last list, in one write, each under its family's key (a v1
   * credential's beside the tokens'); the last list takes them at once, so every view follows.
   */
  setReviews(connectionId: string, reviews: readonly CredentialReview[]): FleetEntry {
    const entry = this.last.get(connectionId);
    const list = entry?.list;
    const absent = (id: string) =>
      new TokenDeskError('NOT_FOUND', `“${id}” is not in this connection's last list. Refresh, then try again.`);
    if (!entry || !list) throw absent(reviews[0]?.id ?? connectionId);
    const dates = new Map<CredentialRow, string | null>();
    for (const { id, kind, reviewBy } of reviews) {
      const row = list.rows.find((r) => r.id === id && r.kind === kind);
      if (!row) throw absent(id);
      const what = row.name || id;
      if (!reviewable(row))
        throw new TokenDeskError('VALIDATION', `“${what}” carries an expiry of its own, not a review date.`);
      dates.set(row, reviewBy);
    }
    const keyOf = (row: CredentialRow) => (row.kind === 'v1-credential' ? v1ReviewKey(row.id) : row.id);
    this.profiles.setReviews(connectionId, Object.fromEntries([...dates].map(([row, day]) => [keyOf(row), day])));
    const rows = list.rows.map((r) => {
      const day = dates.get(r);
      return day === undefined ? r : { ...r, reviewBy: day };
    });
    const next = { ...entry, list: { ...list, rows } };
    this.last.set(connectionId, next);
    return next;
  }

  lastLists(): FleetEntry[] {
    return this.profiles.list().map((c) => this.last.get(c.id) ?? { connectionId: c.id, list: null, error: null });
  }

  /** The credentials the last lists tell by a value's digests (a value OSS ≤ 2.7 returned, an InfluxDB 3 hash). */
  matching(digests: Digests): { connectionId: string; row: CredentialRow; how: 'readable-value' | 'v3-hash' }[] {
    const saved = new Set(this.profiles.list().map((c) => c.id));
    return [...this.knows].flatMap(([connectionId, knows]) => {
      const id = saved.has(connectionId) ? knows(digests) : null;
      const entry = this.last.get(connectionId);
      const row = id === null ? undefined : entry?.list?.rows.find((r) => r.id === id);
      if (!row || !entry?.list) return [];
      const how =
        productProfile(entry.list.product).family === 'v3' ? ('v3-hash' as const) : ('readable-value' as const);
      return [{ connectionId, row, how }];
    });
  }

  /** Forgets a removed connection's list. */
  forget(connectionId: string): void {
    this.last.delete(connectionId);
    this.knows.delete(connectionId);
  }

  /** The last list of one connection (null before the first). */
  lastOf(connectionId: string): CredentialList | null {
    return this.last.get(connectionId)?.list ?? null;
  }

  private async read(connectionId: string): Promise<CredentialList> {
    const client = await this.clients.forConnection(connectionId);
    const product = await client.product();
    const connection = this.profiles.get(connectionId);
    const notes = {
      serviceUsers: new Set(connection.serviceUsers),
      retirements: this.profiles.retirementsOf(connectionId),
    };
    const [{ rows, knows }, entries] = await Promise.all([
      this.families[productProfile(product).family](connectionId, product, notes),
      this.vault.list(),
    ]);
    if (knows) this.knows.set(connectionId, knows);
    else this.knows.delete(connectionId);
    const present = new Set(rows.map((r) => r.id));
    this.profiles.pruneRetirements(connectionId, present);
    const vaultOrphans = entries
      // A 1.x password's entry is kept under its user's name, which is the row's ID.
      .filter((e) => e.connectionId === connectionId && e.authorizationId && !present.has(e.authorizationId))
      .map((e) => ({ entryId: e.id, name: e.description || e.login || e.authorizationId }));
    return { product, version: client.facts.version, rows, vaultOrphans, listedAt: this.now().toISOString() };
  }
}
