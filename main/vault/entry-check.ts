/**
 * The open-time check of the vault's stored entries: the shape storedEntrySchema describes, checked
 * by hand, because zod took as long as parsing the whole file at 10,000 entries. zod still checks
 * everything that comes from outside (exports, journal lines, migrations); a test holds this check
 * and the schema to the same verdicts.
 */
import { secretKinds } from '$contract/vault';
import type { StoredEntry } from './schema';

type Fields = Record<string, unknown>;

const isText = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const textFields = [
  'connectionId',
  'connectionName',
  'instanceUrl',
  'orgID',
  'orgName',
  'authorizationId',
  'userName',
  'description',
  'createdAt',
  'notes',
] as const;
const optionalResourceText = ['id', 'orgID', 'name', 'org'] as const;

function isPermission(p: unknown): boolean {
  if (!isObject(p) || (p['action'] !== 'read' && p['action'] !== 'write') || !isObject(p['resource'])) return false;
  const r = p['resource'];
  return isText(r['type']) && optionalResourceText.every((k) => r[k] === undefined || isText(r[k]));
}

function isSource(s: unknown): boolean {
  if (!isObject(s)) return false;
  if (s['kind'] === 'created' || s['kind'] === 'imported' || s['kind'] === 'captured' || s['kind'] === 'password-set')
    return true;
  return (
    (s['kind'] === 'cloned' || s['kind'] === 'rotated' || s['kind'] === 'reissued' || s['kind'] === 'replaced') &&
    isText(s['from'])
  );
}

function isSecret(s: unknown): boolean {
  if (!isObject(s)) return false;
  const sealed =
    s['scheme'] === 'passphrase'
      ? s['sealed']
      : s['scheme'] === 'os' || s['scheme'] === 'passphrase+os'
        ? s['cipher']
        : undefined;
  return isText(sealed) && sealed.length > 0;
}

const teamStates: readonly unknown[] = ['sent', 'not-sent', 'retired'];

function isTeamCopy(c: unknown): boolean {
  return (
    isObject(c) &&
    ['destinationId', 'destination', 'where', 'at'].every((k) => isText(c[k])) &&
    teamStates.includes(c['state']) &&
    (c['reason'] === null || isText(c['reason']))
  );
}

export function isStoredEntry(value: unknown): value is StoredEntry {
  if (!isObject(value) || !isText(value['id']) || !uuid.test(value['id'])) return false;
  if (!textFields.every((k) => isText(value[k]))) return false;
  if (!Array.isArray(value['permissions']) || !value['permissions'].every(isPermission)) return false;
  if (!Array.isArray(value['labels']) || !value['labels'].every(isText)) return false;
  if (value['replacedBy'] !== null && !isText(value['replacedBy'])) return false;
  if (value['kind'] !== undefined && !(secretKinds as readonly unknown[]).includes(value['kind'])) return false;
  if (value['fingerprint'] !== undefined && !isText(value['fingerprint'])) return false;
  if (value['sha512'] !== undefined && !isText(value['sha512'])) return false;
  if (value['login'] !== undefined && value['login'] !== null && !isText(value['login'])) return false;
  const team = value['team'];
  if (team !== undefined && !(Array.isArray(team) && team.length <= 100 && team.every(isTeamCopy))) return false;
  return isSource(value['source']) && isSecret(value['secret']);
}
