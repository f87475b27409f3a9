/**
 * Each family's credentials in the common shape (contract/credentials.ts): what the overview, the
 * search across connections and the inventory read, whatever the product. A family provides its
 * mapping here, from the lists its own services already make (one list per family per connection).
 */
import type { CredentialList, CredentialRow } from '$contract/credentials';
import type { FamilyId } from '$contract/families';
import { grantsText } from '$contract/influx1';
import { productProfile, type ProductKind } from '$contract/products';
import type { V1CredentialRow } from '$contract/v1-credentials';
import type { InfluxClients } from '../influx/clients';
import type { Influx1UserService } from '../influx1/user-service';
import type { TokenService } from '../tokens/token-service';
import type { V1CredentialService } from '../v1/v1-credential-service';
import type { V3TokenService } from '../v3/v3-token-service';
import type { ClusterTokenService } from '../cluster/token-service';

export interface RowSources {
  tokens: TokenService;
  v1: V1CredentialService;
  v3: V3TokenService;
  influx1: Influx1UserService;
  cluster: ClusterTokenService;
}

type RowsOf = (connectionId: string, product: ProductKind) => Promise<CredentialRow[]>;

/** "Read telemetry · Write sensors, logs". */
const bucketsText = (c: V1CredentialRow) =>
  [
    c.read.length ? `Read ${c.read.map((b) => b.name).join(', ')}` : '',
    c.write.length ? `Write ${c.write.map((b) => b.name).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ') || 'No bucket';

function familyRows({ tokens, v1, v3, influx1, cluster }: RowSources): Record<FamilyId, RowsOf> {
  return {
    v2: async (connectionId, product) => {
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
          reviewBy: null,
          status: c.status,
          inVault: c.passwordEntryId !== null,
        })),
      ];
      return rows;
    },
    v3: async (connectionId) => {
      const list = await v3.list(connectionId);
      return list.rows.map((t): CredentialRow => ({
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
      }));
    },
    influx1: async (connectionId) => {
      const list = await influx1.list(connectionId);
      return list.rows.map((u): CredentialRow => ({
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
      }));
    },
    cluster: async (connectionId) => {
      const list = await cluster.list(connectionId);
      return list.rows.map((t): CredentialRow => ({
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
      }));
    },
  };
}

export class CredentialRows {
  private readonly families: Record<FamilyId, RowsOf>;

  constructor(
    private readonly clients: InfluxClients,
    sources: RowSources,
    private readonly now: () => Date,
  ) {
    this.families = familyRows(sources);
  }

  /** One connection's credentials, whichever family its product is. */
  async list(connectionId: string): Promise<CredentialList> {
    const product = await (await this.clients.forConnection(connectionId)).product();
    const rows = await this.families[productProfile(product).family](connectionId, product);
    return { product, rows, listedAt: this.now().toISOString() };
  }
}
