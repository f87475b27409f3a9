/**
 * The team history on InfluxDB 1.x: a database, and a user of this desk's own with READ and WRITE
 * (ALL) on it and nothing else, its password in the vault. Written with `/write`, read back with
 * InfluxQL on `/query`, both logged in as that user.
 */
import { TokenDeskError } from '$contract/errors';
import { lineHeaders, slugOf, teamQuery, type TeamHistoryStore } from '../team-history/store';
import { authorization, influxql, loginOf } from './api';
import { ident } from './influxql';

export const v1HistoryUser = (desk: string): string => `token_desk_history_${slugOf(desk).replace(/-/g, '_')}`;

export const influx1TeamHistory: TeamHistoryStore = {
  async prepare({ client, database, desk, services, connectionId }) {
    // CREATE DATABASE of a database that exists is not an error in 1.x.
    const [created] = await influxql(client, [`CREATE DATABASE ${ident(database)}`], {
      doing: 'creating the database',
    });
    if (created?.error) throw new TokenDeskError('STATEMENT_FAILED', `Creating ${database} failed: ${created.error}`);
    const name = v1HistoryUser(desk);
    const grants = [{ privilege: 'ALL' as const, database }];
    const made = [`Database ${database} (made, or found)`];
    const exists = (await services.influx1.list(connectionId)).rows.some((u) => u.name === name);
    // This desk's user from an earlier setup: a new password (to the vault first), the same privileges.
    const set = exists
      ? await services.influx1.setPassword(connectionId, name, { kind: 'generate' }, null)
      : await services.influx1.create({ connectionId, name, admin: false, grants, password: { kind: 'generate' } });
    if (exists) await services.influx1.setGrants(connectionId, name, grants);
    if (!set.vault.saved) throw new TokenDeskError('VAULT_LOCKED', set.vault.reason);
    made.push(`User ${name} (${exists ? 'found, new password' : 'made'}): READ and WRITE on ${database} only`);
    return { orgID: null, made, credential: { kind: 'vault', entryId: set.vault.entryId, username: name } };
  },

  async write(client, target, lines) {
    const query = new URLSearchParams({ db: target.database, precision: 'n' });
    await client.send('writing the team history', 'POST /write', {
      method: 'POST',
      path: `/write?${query.toString()}`,
      body: lines,
      headers: { ...lineHeaders, authorization: authorization(loginOf(client.target.token)) },
    });
  },

  async read(client, target, since, limit) {
    const [result] = await influxql(client, [teamQuery(since, limit, '"')], {
      doing: 'reading the team history',
      params: { db: target.database, epoch: 'ms' },
    });
    if (result?.error)
      throw new TokenDeskError('STATEMENT_FAILED', `The team history could not be read: ${result.error}`);
    return result?.rows ?? [];
  },
};
