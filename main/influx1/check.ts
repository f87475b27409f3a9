/**
 * The connection check of InfluxDB 1.x, in one round trip that changes nothing: SHOW USERS (answered
 * only to an admin), SHOW DATABASES as the connection's user, and SHOW DATABASES as a login that
 * cannot exist: if the server lets that in, authentication is off and anyone can do anything.
 */
import { randomUUID } from 'node:crypto';
import type { Influx1Check } from '$contract/connections';
import { productName } from '$contract/products';
import type { CheckContext } from '../families/family';
import { InfluxRequestError } from '../influx/errors';
import { influxql, loginOf, type StatementResult } from './api';
import { statements } from './influxql';

const said = (error: unknown): string =>
  error instanceof InfluxRequestError ? (error.reason.influxMessage ?? '') : '';
export const isSetupRefusal = (error: unknown) => said(error).includes('create admin user first');
const isNotAdmin = (error: unknown) => said(error).includes('requires admin privilege');

const databasesOf = (result: StatementResult | undefined): string[] =>
  (result?.rows ?? []).map((r) => r['name']).filter((n): n is string => typeof n === 'string' && n !== '_internal');

export async function checkInflux1({ client, product, headers, now }: CheckContext): Promise<Influx1Check> {
  const login = loginOf(client.target.token);
  client.facts.product = product;
  const stranger = { username: `token-desk-probe-${randomUUID()}`, password: randomUUID() };
  const [users, databases, open] = await Promise.allSettled([
    influxql(client, [statements.showUsers()], { doing: 'listing users' }),
    influxql(client, [statements.showDatabases()], { doing: 'listing databases' }),
    influxql(client, [statements.showDatabases()], { doing: 'checking authentication', as: stranger }),
  ]);
  const version = headers.version;
  const base = { family: 'influx1', product, version, user: login.username, checkedAt: now.toISOString() } as const;
  const name = productName(product, version);
  if (open.status === 'fulfilled') {
    return {
      ...base,
      admin: true,
      authEnabled: false,
      setup: false,
      databases: databasesOf(open.value[0]),
      summary:
        `${name} with authentication OFF: anyone who can reach it can read, write and drop everything, and ` +
        'users and passwords have no effect. Set auth-enabled = true in its [http] section and restart it.',
    };
  }
  if (users.status === 'rejected' && isSetupRefusal(users.reason)) {
    return {
      ...base,
      admin: false,
      authEnabled: true,
      setup: true,
      databases: [],
      summary: `${name} has authentication on and no user yet: create its first admin to manage it.`,
    };
  }
  if (users.status === 'rejected' && !isNotAdmin(users.reason)) throw users.reason;
  if (databases.status === 'rejected') throw databases.reason;
  const admin = users.status === 'fulfilled';
  const visible = databasesOf(databases.value[0]);
  const listed = visible.length ? `Databases: ${visible.join(', ')}.` : 'No database yet.';
  return {
    ...base,
    admin,
    authEnabled: true,
    setup: false,
    databases: visible,
    summary: admin
      ? `${name}. ${login.username} is an admin: it can manage users, passwords and privileges. ${listed}`
      : `${name}. ${login.username} is not an admin: it cannot manage users; connect as an admin to do so. ` +
        `${visible.length ? `Databases it may use: ${visible.join(', ')}.` : 'It holds no privilege on a database.'}`,
  };
}
