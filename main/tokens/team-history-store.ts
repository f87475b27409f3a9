/**
 * The team history on InfluxDB 2.x and Cloud: a bucket, a DBRP mapping so InfluxQL can read it back
 * (`/query`, the way 1.x clients read 2.x), and a token that may read and write only that bucket,
 * owned by a service user where the server lets Token Desk make one (Cloud does not: there it is
 * owned by the connection's user). Written with `/api/v2/write`.
 */
import { randomUUID } from 'node:crypto';
import { TokenDeskError } from '$contract/errors';
import { productProfile } from '$contract/products';
import { list, record, type InfluxClient } from '../influx/client';
import { statementResults } from '../influx1/api';
import { allUsers } from '../influx/users-api';
import { createDbrp, listDbrps } from '../influx/v1-auth-api';
import {
  lineHeaders,
  teamQuery,
  type PrepareContext,
  type PreparedTarget,
  type TeamHistoryStore,
} from '../team-history/store';

/** The service user every desk's history token belongs to (one user, one token per desk). */
export const HISTORY_USER = 'token-desk-history';

async function findBucket(client: InfluxClient, orgID: string, name: string): Promise<string | null> {
  const query = new URLSearchParams({ orgID, name });
  return client.sendChecked(
    'looking for the bucket',
    'GET /api/v2/buckets',
    { method: 'GET', path: `/api/v2/buckets?${query.toString()}` },
    (body) => {
      const found = list(record(body, 'the buckets')['buckets'] ?? [], 'the buckets')
        .map((b) => record(b, 'a bucket'))
        .find((b) => b['name'] === name);
      return typeof found?.['id'] === 'string' ? found['id'] : null;
    },
  );
}

async function makeBucket(client: InfluxClient, orgID: string, name: string): Promise<string> {
  return client.sendChecked(
    'creating the bucket',
    'POST /api/v2/buckets',
    {
      method: 'POST',
      path: '/api/v2/buckets',
      body: { orgID, name, description: 'Token Desk: the team’s history of credential changes', retentionRules: [] },
    },
    (body) => {
      const id = record(body, 'the new bucket')['id'];
      if (typeof id !== 'string') throw new TokenDeskError('BAD_RESPONSE', 'The new bucket came back without its ID.');
      return id;
    },
  );
}

/** The owner of the history token: the shared service user, made once; the connection's user where none can be. */
async function ownerOf(context: PrepareContext, orgID: string, made: string[]): Promise<string> {
  const { client, services, connectionId } = context;
  const [product, me] = await Promise.all([client.product(), client.whoami()]);
  if (!productProfile(product).serviceUsers) {
    made.push(`The token belongs to ${me.name}: ${productProfile(product).label} has no service users.`);
    return me.id;
  }
  const existing = (await allUsers(client).catch(() => [])).find((u) => u.name === HISTORY_USER);
  if (existing) {
    services.profiles.markServiceUser(connectionId, existing.id, true);
    made.push(`Service user ${HISTORY_USER} (found)`);
    return existing.id;
  }
  try {
    const created = await services.users.createService({
      connectionId,
      name: HISTORY_USER,
      password: { kind: 'none' },
      memberships: [{ orgID, role: 'member' }],
      operationId: randomUUID(),
    });
    made.push(`Service user ${HISTORY_USER} (made)`);
    return created.user.id;
  } catch (error) {
    const why = error instanceof Error ? error.message : 'it could not be made';
    made.push(`The token belongs to ${me.name}: no service user could be made (${why})`);
    return me.id;
  }
}

export const v2TeamHistory: TeamHistoryStore = {
  async prepare(context) {
    const { client, database, services, connectionId } = context;
    const orgID = context.orgID ?? services.profiles.get(connectionId).org?.id ?? (await client.orgs())[0]?.id;
    if (!orgID) throw new TokenDeskError('VALIDATION', 'This connection sees no organization to keep the bucket in.');
    const made: string[] = [];
    let bucketID = await findBucket(client, orgID, database);
    if (bucketID) made.push(`Bucket ${database} (found)`);
    else {
      bucketID = await makeBucket(client, orgID, database);
      made.push(`Bucket ${database} (made)`);
    }
    const mapped = (await listDbrps(client, orgID)).some((d) => d.bucketID === bucketID && d.database === database);
    if (!mapped) {
      await createDbrp(client, { orgID, bucketID, database, retentionPolicy: 'autogen', default: true });
      made.push(`DBRP mapping ${database}/autogen, to read it back (made)`);
    }
    const userID = await ownerOf(context, orgID, made);
    const token = await services.tokens.create({
      connectionId,
      orgID,
      userID,
      description: `Token Desk team history: ${context.desk}`,
      status: 'active',
      spec: {
        kind: 'custom',
        permissions: [
          { action: 'read', type: 'buckets', id: bucketID },
          { action: 'write', type: 'buckets', id: bucketID },
        ],
      },
      saveToVault: true,
      reviewBy: null,
    });
    if (!token.vault.saved) throw new TokenDeskError('VAULT_LOCKED', token.vault.reason);
    made.push(`Token ${token.token.id}: read and write ${database} only, kept in the vault`);
    return {
      orgID,
      made,
      credential: { kind: 'vault', entryId: token.vault.entryId, username: null },
    } satisfies PreparedTarget;
  },

  async write(client, target, lines) {
    const query = new URLSearchParams({ orgID: target.orgID ?? '', bucket: target.database, precision: 'ns' });
    await client.send('writing the team history', 'POST /api/v2/write', {
      method: 'POST',
      path: `/api/v2/write?${query.toString()}`,
      body: lines,
      headers: lineHeaders,
    });
  },

  async read(client, target, since, limit) {
    const query = new URLSearchParams({ db: target.database, epoch: 'ms', q: teamQuery(since, limit, '"') });
    const [result] = await client.sendChecked(
      'reading the team history',
      'GET /query',
      { method: 'GET', path: `/query?${query.toString()}` },
      (body) => statementResults(body, 1),
    );
    if (result?.error)
      throw new TokenDeskError('STATEMENT_FAILED', `The team history could not be read: ${result.error}`);
    return result?.rows ?? [];
  },
};
