/**
 * What uses a token, as far as the server tells (INFLUXDB-USERS-TASKS.md §3): a Telegraf
 * configuration whose UI-made token reads it (its agent fetches its config and writes with it), and
 * on Cloud a task whose `authorizationID` is the token. OSS tasks run as their owner, never with a
 * token, so they depend on the owner instead.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import type { Dependent } from '$contract/tokens';
import { list, record, type InfluxClient, type Named } from '../influx/client';
import { tasksOf, type TaskRef } from '../influx/users-api';

export interface DependencySources {
  telegrafs: Named[];
  tasks: (TaskRef & { authorizationID?: string })[];
  /** What could not be read, in words ("Telegraf configurations of ops: <reason>"): the guards ask then. */
  unread: string[];
}

function telegrafsOf(client: InfluxClient, orgID: string): Promise<Named[]> {
  return client
    .send('listing Telegraf configurations', 'GET /api/v2/telegrafs', {
      method: 'GET',
      path: `/api/v2/telegrafs?orgID=${orgID}`,
    })
    .then((body) =>
      list(record(body, 'the Telegraf configurations')['configurations'] ?? [], 'the Telegraf configurations'),
    )
    .then((items) =>
      items
        .map((i) => record(i, 'a Telegraf configuration'))
        .map((i) => ({ id: String(i['id'] ?? ''), name: String(i['name'] ?? '') })),
    );
}

/**
 * The configurations and tasks of the given orgs, asked all at once. What cannot be read is never
 * taken for "nothing uses it": it is named in `unread`, and the guards ask before any change.
 */
export async function dependencySources(client: InfluxClient, orgIDs: Iterable<string>): Promise<DependencySources> {
  const orgs = [...orgIDs];
  const unread: string[] = [];
  const orgName = (org: string) => client.orgNames.get(org) ?? org;
  const tryRead = <T>(what: string, org: string, read: Promise<T[]>) =>
    read.catch((error: unknown) => {
      unread.push(`${what} of ${orgName(org)}: ${error instanceof Error ? error.message : 'it failed'}`);
      return [] as T[];
    });
  const [telegrafs, tasks] = await Promise.all([
    Promise.all(orgs.map((org) => tryRead('Telegraf configurations', org, telegrafsOf(client, org)))),
    Promise.all(orgs.map((org) => tryRead('tasks', org, tasksOf(client, org)))),
  ]);
  return { telegrafs: telegrafs.flat(), tasks: tasks.flat(), unread };
}

export function dependentsOf(a: Authorization, sources: DependencySources): Dependent[] {
  const found: Dependent[] = [];
  for (const p of a.permissions ?? []) {
    const id = p.resource.id;
    if (p.action !== 'read' || p.resource.type !== 'telegrafs' || !id) continue;
    const name = sources.telegrafs.find((t) => t.id === id)?.name ?? id;
    found.push({
      kind: 'telegraf',
      id,
      name,
      effect:
        `Telegraf configuration “${name}”: its agent fetches its configuration and writes with this token, ` +
        `and stops doing both.`,
    });
  }
  for (const t of sources.tasks) {
    if (t.authorizationID && t.authorizationID === a.id)
      found.push({
        kind: 'task',
        id: t.id,
        name: t.name,
        effect: `Task “${t.name}” runs with this token: its runs fail.`,
      });
  }
  return found;
}

/** What uses each token of a list, by token ID: only tokens something uses are keys. */
export function dependentsByToken(
  authorizations: readonly Authorization[],
  sources: DependencySources,
): Record<string, Dependent[]> {
  const byToken: Record<string, Dependent[]> = {};
  const runners = new Set(sources.tasks.flatMap((t) => (t.authorizationID ? [t.authorizationID] : [])));
  for (const a of authorizations) {
    // Most tokens read no configuration and run no task: they are passed over without a look at the rest.
    if (!runners.has(a.id ?? '') && !(a.permissions ?? []).some((p) => p.resource.type === 'telegrafs')) continue;
    const found = dependentsOf(a, sources);
    if (found.length) byToken[a.id ?? ''] = found;
  }
  return byToken;
}
