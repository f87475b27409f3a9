/**
 * Users, their passwords, org members/owners and tasks, as Token Desk needs them for service users.
 * Answers are shape-checked where received; two probes learn rights without side effects.
 */
import type { OrgRole } from '$contract/users';
import { list, record, type InfluxClient } from './client';
import { InfluxRequestError } from './errors';
import { BadAnswerError } from './transport';

export interface UserRef {
  id: string;
  name: string;
  status: 'active' | 'inactive';
}

export interface TaskRef {
  id: string;
  name: string;
  orgID: string;
  ownerID: string;
  active: boolean;
  /** Cloud: the token the task runs with. */
  authorizationID?: string;
}

function user(value: unknown, what: string): UserRef {
  const u = record(value, what);
  if (typeof u['id'] !== 'string' || typeof u['name'] !== 'string')
    throw new BadAnswerError(`${what} without an id or name`);
  return { id: u['id'], name: u['name'], status: u['status'] === 'inactive' ? 'inactive' : 'active' };
}

export async function members(client: InfluxClient, orgID: string, role: OrgRole): Promise<UserRef[]> {
  return client.sendChecked(
    `listing the org’s ${role}s`,
    `GET /api/v2/orgs/{id}/${role}s`,
    { method: 'GET', path: `/api/v2/orgs/${orgID}/${role}s` },
    (body) =>
      list(record(body, `the org’s ${role}s`)['users'], `the org’s ${role}s`).map((u) => user(u, `an org ${role}`)),
  );
}

/** Every user the token may read, page by page. */
export async function allUsers(client: InfluxClient): Promise<UserRef[]> {
  return client.run('listing users', 'GET /api/v2/users', async () =>
    (await client.pages('/api/v2/users', 'users', {})).map((u) => user(u, 'a user')),
  );
}

/** The tasks of one org with their owners (OSS tasks run as their owner, never with a token). */
export async function tasksOf(client: InfluxClient, orgID: string): Promise<TaskRef[]> {
  return client.sendChecked(
    'listing tasks',
    'GET /api/v2/tasks',
    { method: 'GET', path: `/api/v2/tasks?orgID=${orgID}&limit=500` },
    (body) => list(record(body, 'the list of tasks')['tasks'], 'the list of tasks').map(task(orgID)),
  );
}

/** A task as listed, with its owner and, on Cloud, the token it runs with. */
const task =
  (orgID: string) =>
  (value: unknown): TaskRef => {
    const t = record(value, 'a task');
    if (typeof t['id'] !== 'string' || typeof t['name'] !== 'string')
      throw new BadAnswerError('a task without an id or name');
    return {
      id: t['id'],
      name: t['name'],
      orgID: typeof t['orgID'] === 'string' ? t['orgID'] : orgID,
      ownerID: typeof t['ownerID'] === 'string' ? t['ownerID'] : '',
      active: t['status'] !== 'inactive',
      ...(typeof t['authorizationID'] === 'string' ? { authorizationID: t['authorizationID'] } : {}),
    };
  };

export async function createUser(client: InfluxClient, name: string): Promise<UserRef> {
  return client.sendChecked(
    'creating the user',
    'POST /api/v2/users',
    {
      method: 'POST',
      path: '/api/v2/users',
      body: { name },
    },
    (body) => user(body, 'the new user'),
  );
}

export async function deleteUser(client: InfluxClient, id: string): Promise<void> {
  await client.send('deleting the user', 'DELETE /api/v2/users/{id}', {
    method: 'DELETE',
    path: `/api/v2/users/${id}`,
  });
}

export async function setUserPassword(client: InfluxClient, id: string, password: string): Promise<void> {
  await client.send('setting the user’s password', 'POST /api/v2/users/{id}/password', {
    method: 'POST',
    path: `/api/v2/users/${id}/password`,
    body: { password },
    secrets: [password],
  });
}

export async function addMember(client: InfluxClient, orgID: string, userID: string, role: OrgRole): Promise<void> {
  await client.send(`adding the user as ${role}`, `POST /api/v2/orgs/{id}/${role}s`, {
    method: 'POST',
    path: `/api/v2/orgs/${orgID}/${role}s`,
    body: { id: userID },
  });
}

/** Removes a mapping whatever its role (InfluxDB answers 204 even when there was none). */
export async function removeMember(client: InfluxClient, orgID: string, userID: string): Promise<void> {
  await client.send('removing the user from the org', 'DELETE /api/v2/orgs/{id}/members/{userID}', {
    method: 'DELETE',
    path: `/api/v2/orgs/${orgID}/members/${userID}`,
  });
}

const verdict =
  (expected: (e: InfluxRequestError) => boolean) =>
  (error: unknown): boolean | null => {
    if (!(error instanceof InfluxRequestError)) return null;
    if (error.reason.status === 401) return false;
    return expected(error) ? true : null;
  };

/**
 * Can this token create users? Asks to create one that exists: InfluxDB checks write:users first
 * (401) and the name after (422), so the answer tells without creating anything.
 */
export function probeCreateUsers(client: InfluxClient, existingName: string): Promise<boolean | null> {
  return createUser(client, existingName).then(
    // The name was freed meanwhile and a user was made: it proves the right, and goes again.
    async (made) => (await deleteUser(client, made.id).catch(() => undefined), true),
    verdict((e) => e.reason.status === 422),
  );
}

/**
 * Can this token manage the org's members? Adds one already mapped there: write on the org is
 * checked first (401), the existing mapping after (500), so nothing changes either way.
 */
export function probeManageMembers(client: InfluxClient, orgID: string, mappedUserID: string): Promise<boolean | null> {
  return addMember(client, orgID, mappedUserID, 'member').then(
    // A success for a user just listed as mapped proves nothing (a proxy's junk 2xx, or a race), and a
    // probe never undoes what it cannot know it did: nothing is removed, the right stays unknown.
    (): null => null,
    verdict((e) => e.reason.status === 500 && (e.reason.influxMessage ?? '').includes('already exists')),
  );
}
