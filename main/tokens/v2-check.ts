/**
 * The connection check of InfluxDB 2.x and Cloud: whose token it is, which orgs it sees, and what it
 * can do with tokens, told in plain words. It never changes anything on the server.
 */
import { TokenDeskError } from '$contract/errors';
import type { Capabilities, OrgRef, V2Check } from '$contract/connections';
import { productProfile, type ProductKind } from '$contract/products';
import type { CheckContext } from '../families/family';
import type { InfluxClient } from '../influx/client';
import { holdsAll, operatorSet, permission } from '../influx/permissions';
import { probe, type Probe } from '../influx/probe';

const verdict = (p: Probe): boolean | null => (p.kind === 'holds-all' ? true : p.kind === 'unknown' ? null : false);

/** All probes at once (one round trip); only a token that cannot create needs one more, to list. */
async function ossCapabilities(
  client: InfluxClient,
  orgID: string,
  userID: string,
  types: readonly string[],
): Promise<Capabilities> {
  const [create, list, allUsers, operatorProbe] = await Promise.all([
    probe(client, orgID, []),
    probe(client, orgID, [
      permission('read', 'authorizations', { orgID }),
      permission('read', 'users', { id: userID }),
    ]),
    probe(client, orgID, [permission('read', 'users'), permission('write', 'users')]),
    types.length > 0 ? probe(client, orgID, operatorSet(types)) : Promise.resolve(null),
  ]);
  if (create.kind === 'cannot-create') {
    // It can update only if the refusal came after write:authorizations (at the user check).
    const update = create.missing.startsWith('write:users/');
    const visible = await client.listAuthorizations({ orgID });
    return { list: visible.length > 0 ? true : null, create: false, update, allUsers: false, operator: false };
  }
  const operator = operatorProbe ? verdict(operatorProbe) : null;
  const canCreate = verdict(create);
  return { list: verdict(list), create: canCreate, update: canCreate, allUsers: verdict(allUsers), operator };
}

/** Cloud lets a token find itself with the `token` filter, so its permissions are read, not probed. */
async function cloudCapabilities(client: InfluxClient, orgID: string, userID: string): Promise<Capabilities> {
  const own = (await client.listAuthorizations({ token: client.target.token }))[0];
  client.facts.selfId = own?.id ?? null;
  if (!own?.permissions) return { list: null, create: null, update: null, allUsers: null, operator: false };
  const held = own.permissions;
  const writeOwn = holdsAll(held, [
    permission('write', 'authorizations', { orgID }),
    permission('write', 'users', { id: userID }),
  ]);
  return {
    list: holdsAll(held, [
      permission('read', 'authorizations', { orgID }),
      permission('read', 'users', { id: userID }),
    ]),
    create: writeOwn,
    update: writeOwn,
    allUsers: holdsAll(held, [permission('read', 'users'), permission('write', 'users')]),
    operator: false,
  };
}

const join = (parts: string[]) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** "Can list and create tokens in org ops (its own user's only); cannot create operator tokens." */
export function describeCapabilities(c: Capabilities, org: OrgRef | null, product: ProductKind): string {
  if (!org) return 'This token cannot see any organization (it lacks read:orgs), so it cannot manage tokens.';
  const actions: [keyof Capabilities, string][] = [
    ['list', 'list'],
    ['create', 'create'],
    ['update', 'activate, deactivate and delete'],
  ];
  const can = actions.filter(([key]) => c[key] === true).map(([, words]) => words);
  const cannot = actions.filter(([key]) => c[key] === false).map(([, words]) => words);
  const unknown = actions.filter(([key]) => c[key] === null).map(([, words]) => words);
  const sentences: string[] = [];
  if (can.length > 0) {
    const scope = c.allUsers ? "every user's tokens" : "only its own user's tokens";
    sentences.push(`Can ${join(can)} tokens in org ${org.name} (${scope})`);
  }
  if (cannot.length > 0)
    sentences.push(
      `${can.length > 0 ? 'cannot' : 'Cannot'} ${join(cannot)} tokens${can.length > 0 ? '' : ` in org ${org.name}`}`,
    );
  if (unknown.length > 0) sentences.push(`could not tell whether it can ${join(unknown)} tokens`);
  if (productProfile(product).operatorTokens && c.create)
    sentences.push(c.operator ? 'can create operator tokens' : 'cannot create operator tokens');
  const text = sentences.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A 404 on the InfluxDB 2 API means this is not InfluxDB 2 (or the URL has a wrong path). */
function notInfluxDb2Error(client: InfluxClient, error: unknown): unknown {
  if (error instanceof TokenDeskError && error.code === 'NOT_FOUND') {
    return new TokenDeskError(
      'NOT_INFLUXDB',
      `${client.target.url} has no InfluxDB 2 API (/api/v2 answered 404). Check the URL.`,
    );
  }
  return error;
}

/** The first failure in the order a person should hear it: the server, then the token, then its orgs. */
function valueOf<T>(settled: PromiseSettledResult<T>, explain: (error: unknown) => unknown = (e) => e): T {
  if (settled.status === 'rejected') throw explain(settled.reason);
  return settled.value;
}

/** The 2.x check's first requests: the registry sends them alongside /ping (see families/registry.ts). */
export function beginV2Check(client: InfluxClient) {
  return Promise.allSettled([client.me(), client.orgs(), client.resourceTypes(), client.healthVersion()]);
}
export type V2CheckBegun = ReturnType<typeof beginV2Check>;

/**
 * At most three round trips: whose token, its orgs and the resource types (with /ping); then every
 * capability probe at once; then, only for a token that cannot create, a list. What it learns
 * becomes the connection's facts, so later actions need not ask again.
 */
export async function checkV2(context: CheckContext, begun: V2CheckBegun): Promise<V2Check> {
  const { client, product, headers, preferredOrg, now } = context;
  const [meRead, orgsRead, typesRead, health] = await begun;
  const notInfluxDb2 = (error: unknown) => notInfluxDb2Error(client, error);
  const version =
    headers.version ?? (productProfile(product).reportsVersion && health.status === 'fulfilled' ? health.value : null);
  const me = valueOf(meRead, notInfluxDb2);
  const user = { id: me.id ?? '', name: me.name };
  const orgs: OrgRef[] = valueOf(orgsRead).flatMap((o) => (o.id ? [{ id: o.id, name: o.name }] : []));
  const types = typesRead.status === 'fulfilled' ? typesRead.value.filter((t) => t !== 'instance') : [];
  Object.assign(client.facts, { product, me: user, resourceTypes: typesRead.status === 'fulfilled' ? types : null });
  const org =
    orgs.find((o) => preferredOrg?.id !== undefined && o.id === preferredOrg.id) ??
    orgs.find((o) => preferredOrg?.name !== undefined && o.name === preferredOrg.name) ??
    orgs[0] ??
    null;
  const capabilities: Capabilities = !org
    ? { list: false, create: false, update: false, allUsers: false, operator: false }
    : productProfile(product).selfPermissionsByTokenFilter
      ? await cloudCapabilities(client, org.id, user.id)
      : await ossCapabilities(client, org.id, user.id, types);
  return {
    family: 'v2',
    product,
    version,
    user,
    orgs,
    org,
    capabilities,
    summary: describeCapabilities(capabilities, org, product),
    checkedAt: now.toISOString(),
  };
}
