/**
 * The connection check of an InfluxDB 3 server: what the token may do (Core: every token is an
 * admin; Enterprise: admin or resource token, read from its own row of system.tokens) and the
 * databases, asked at once. InfluxDB 3 has no users or organizations.
 */
import { createHash } from 'node:crypto';
import type { Capabilities, V3Check } from '$contract/connections';
import { productName } from '$contract/products';
import type { CheckContext } from '../families/family';
import { InfluxRequestError } from '../influx/errors';
import { listV3Databases, listV3Tokens } from '../influx/v3-api';

export async function checkV3({ client, product, headers, now }: CheckContext): Promise<V3Check> {
  const { version } = headers;
  client.facts.product = product;
  const [tokens, databases] = await Promise.allSettled([listV3Tokens(client), listV3Databases(client)]);
  if (
    tokens.status === 'rejected' &&
    !(tokens.reason instanceof InfluxRequestError && tokens.reason.reason.status === 403)
  )
    throw tokens.reason;
  const own =
    tokens.status === 'fulfilled'
      ? tokens.value.find(
          (r) => r.hash !== '' && createHash('sha512').update(client.target.token).digest('hex').startsWith(r.hash),
        )
      : undefined;
  // Core authorizes every valid token; Enterprise tells admin tokens (`*:*:*`) from resource tokens.
  const admin =
    product === 'v3-core' || own?.permissions === '*:*:*' ? true : tokens.status === 'rejected' ? false : null;
  const capabilities: Capabilities = {
    list: tokens.status === 'fulfilled',
    create: admin,
    update: admin,
    allUsers: null,
    operator: admin,
  };
  const names = databases.status === 'fulfilled' ? databases.value : [];
  const held =
    product === 'v3-core'
      ? 'In InfluxDB 3 Core every token is an admin token: this one can list, create, regenerate and delete tokens'
      : admin
        ? `This is an admin token${own ? ` (${own.name})` : ''}: it can list, create, regenerate and delete every ` +
          `kind of token`
        : 'This is a database or system token: it cannot manage tokens; connect with an admin token';
  // A list that could not be read is said, never shown as "no database".
  const listed =
    databases.status === 'rejected'
      ? `The databases could not be listed: ${databases.reason instanceof Error ? databases.reason.message : 'it failed'}`
      : names.length
        ? `Databases: ${names.join(', ')}.`
        : 'No database yet.';
  const summary = `${productName(product, version)}. ${held}. ${listed}`;
  return {
    family: 'v3',
    product,
    version,
    user: { id: own ? String(own.id) : '', name: own?.name ?? 'this token' },
    capabilities,
    summary,
    checkedAt: now.toISOString(),
    databases: names,
  };
}
