/**
 * The team history on InfluxDB 3: a database, and on Enterprise a database token of this desk's own
 * that may read and write only it (its string in the vault). Core has only admin tokens, so there
 * the history is written with the connection's own token and setup says so. Written with
 * `/api/v3/write_lp`, read back with SQL.
 */
import { TokenDeskError } from '$contract/errors';
import { productProfile } from '$contract/products';
import { list, type InfluxClient } from '../influx/client';
import { InfluxRequestError } from '../influx/errors';
import { lineHeaders, slugOf, teamQuery, type PrepareContext, type TeamHistoryStore } from '../team-history/store';

/** POST /api/v3/configure/database; a database that exists answers 409 (UNCONFIRMED: its body). */
async function makeDatabase(client: InfluxClient, db: string): Promise<boolean> {
  return client
    .send('creating the database', 'POST /api/v3/configure/database', {
      method: 'POST',
      path: '/api/v3/configure/database',
      body: { db },
    })
    .then(
      () => true,
      (error: unknown) => {
        if (error instanceof InfluxRequestError && error.reason.status === 409) return false;
        throw error;
      },
    );
}

/** Token names are unique on the server: a desk set up again takes the next free suffix. */
async function databaseToken({ connectionId, database, desk, services }: PrepareContext) {
  const base = `token-desk-history-${slugOf(desk)}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    try {
      return await services.v3.create({
        connectionId,
        name,
        expirySecs: null,
        permissions: [{ resourceType: 'db', names: [database], actions: ['read', 'write'] }],
        saveToVault: true,
      });
    } catch (error) {
      const taken =
        error instanceof TokenDeskError && error.code === 'VALIDATION' && /exists already/.test(error.message);
      if (!taken || n >= 20) throw error;
    }
  }
}

export const v3TeamHistory: TeamHistoryStore = {
  async prepare(context) {
    const { client, database } = context;
    const made = [`Database ${database} (${(await makeDatabase(client, database)) ? 'made' : 'found'})`];
    if (!productProfile(await client.product()).resourceTokens) {
      made.push('Written with this connection’s own token: InfluxDB 3 Core has only admin tokens.');
      return { orgID: null, made, credential: { kind: 'connection' } };
    }
    const token = await databaseToken(context);
    if (!token.vault.saved) throw new TokenDeskError('VAULT_LOCKED', token.vault.reason);
    made.push(`Database token ${token.token.name}: read and write ${database} only, kept in the vault`);
    return { orgID: null, made, credential: { kind: 'vault', entryId: token.vault.entryId, username: null } };
  },

  async write(client, target, lines) {
    const query = new URLSearchParams({ db: target.database, precision: 'nanosecond' });
    await client.send('writing the team history', 'POST /api/v3/write_lp', {
      method: 'POST',
      path: `/api/v3/write_lp?${query.toString()}`,
      body: lines,
      headers: lineHeaders,
    });
  },

  async read(client, target, since, limit) {
    const body = { db: target.database, q: teamQuery(since, limit, ''), format: 'json' };
    return client
      .sendChecked(
        'reading the team history',
        'POST /api/v3/query_sql',
        { method: 'POST', path: '/api/v3/query_sql', body },
        (answer) =>
          list(answer ?? [], 'the team history').map((r) =>
            typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {},
          ),
      )
      .catch((error: unknown) => {
        // Nothing written yet: the table does not exist (UNCONFIRMED: v3's words for it).
        if (
          error instanceof InfluxRequestError &&
          error.reason.status < 500 &&
          /not found|does not exist/i.test(error.message)
        )
          return [];
        throw error;
      });
  },
};
