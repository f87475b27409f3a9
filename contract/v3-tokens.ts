/**
 * InfluxDB 3 tokens as the renderer sees them: named, never readable again, with an optional expiry;
 * admin tokens (`_admin` the operator among them) and, on Enterprise, database and system tokens.
 * Plain data; argument schemas in v3-schemas.ts.
 */
import type { VaultOutcome } from './vault';

export type V3TokenKind = 'operator' | 'admin' | 'database' | 'system' | 'resource';

/** Each kind's name on screen (filter, table, detail). */
export const v3KindLabels: Record<V3TokenKind, string> = {
  operator: 'Operator',
  admin: 'Admin',
  database: 'Database',
  system: 'System',
  resource: 'Resource (databases and system)',
};

export interface V3TokenRow {
  /** system.tokens' token_id, as text. */
  id: string;
  name: string;
  kind: V3TokenKind;
  /** As the server lists it: `*:*:*`, `db:sensors:read`… */
  permissions: string;
  /** In words: "Everything (admin)", "Read sensors", "Read and write sensors, logs", "Read health". */
  summary: string;
  createdAt: string;
  updatedAt: string | null;
  /** null: never expires. */
  expiry: string | null;
  expired: boolean;
  /** The token that made it, by name, when the server says. */
  createdBy: string | null;
  /** The first characters of the hex SHA-512 of its string (all the server keeps). */
  hash: string;
  vaultEntryId: string | null;
}

export interface V3TokenList {
  rows: V3TokenRow[];
  databases: string[];
  /** The token this connection uses (matched by hash). */
  selfTokenId: string | null;
}

export interface V3Equivalents {
  cli: string;
  curl: string;
}

/** The answers that carry a v3 token's string: saved to the vault first. */
export interface CreatedV3Token {
  token: V3TokenRow;
  value: string;
  vault: VaultOutcome;
  /** The connection's own stored token was replaced by this one (regenerating `_admin` it used). */
  connectionUpdated: boolean;
}

/** Permission sets of a resource token, per database or system resource. */
export interface V3Permission {
  resourceType: 'db' | 'system';
  /** `*` alone: all of them. */
  names: string[];
  actions: ('read' | 'write')[];
}

/** One permission as the server and the CLI write it: `db:sensors,logs:read,write`. */
export const v3PermissionText = (p: V3Permission): string =>
  `${p.resourceType}:${p.names.join(',')}:${p.actions.join(',')}`;

/** The inverse of v3PermissionText over a listed token's `a;b` parts; null for an admin token (`*:*:*`). */
export function v3PermissionsOf(permissions: string): V3Permission[] | null {
  if (permissions === '*:*:*') return null;
  return permissions.split(';').map((part) => {
    const [type, names = '', actions = ''] = part.split(':');
    return {
      resourceType: type === 'system' ? 'system' : 'db',
      names: names.split(',').filter(Boolean),
      actions: actions.split(',').filter((a): a is 'read' | 'write' => a === 'read' || a === 'write'),
    };
  });
}

/** In words, for the list: "Everything (admin)", "Read and write sensors, logs", "Read every database". */
export function v3Summary(permissions: string): string {
  if (permissions === '*:*:*') return 'Everything (admin)';
  return permissions
    .split(';')
    .map((part) => {
      const [type, names = '', actions = ''] = part.split(':');
      const verbs = actions.split(',').filter(Boolean);
      const verb = verbs.length === 2 ? 'Read and write' : verbs[0] === 'write' ? 'Write' : 'Read';
      const what =
        names === '*' ? (type === 'db' ? 'every database' : 'every system resource') : names.split(',').join(', ');
      return `${verb} ${what}`;
    })
    .join('; ');
}

export function v3KindOf(name: string, permissions: string): V3TokenKind {
  if (name === '_admin') return 'operator';
  if (permissions === '*:*:*') return 'admin';
  const types = new Set(permissions.split(';').map((p) => p.split(':')[0]));
  return types.size > 1 ? 'resource' : types.has('system') ? 'system' : 'database';
}

/** Why a name cannot be a new token's, or null; the server refuses a taken one. */
export function v3NameProblem(name: string): string | null {
  if (name.trim() === '') return 'Enter a name.';
  if (name === '_admin') return '_admin is the operator token’s name.';
  if (name.length > 200) return 'Keep the name under 200 characters.';
  return null;
}

/** The `influxdb3` command and the curl request that make the same token. */
export function v3Equivalents(
  url: string,
  input: { name: string; expirySecs: number | null; permissions: V3Permission[] | null },
): V3Equivalents {
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const secs = input.expirySecs;
  const days = secs && secs >= 86_400 && secs % 86_400 === 0 ? secs / 86_400 : null;
  const expiry = secs ? ` --expiry ${days ? `${days}d` : `${secs}s`}` : '';
  const perms = (input.permissions ?? []).map((p) => ` --permission ${q(v3PermissionText(p))}`).join('');
  const base = url.replace(/\/+$/, '');
  const body = input.permissions
    ? {
        token_name: input.name,
        permissions: input.permissions.map((p) => ({
          resource_type: p.resourceType,
          resource_names: p.names,
          actions: p.actions,
        })),
        ...(input.expirySecs ? { expiry_secs: input.expirySecs } : {}),
      }
    : { token_name: input.name, ...(input.expirySecs ? { expiry_secs: input.expirySecs } : {}) };
  const path = input.permissions ? '/api/v3/enterprise/configure/token' : '/api/v3/configure/token/named_admin';
  return {
    cli:
      `influxdb3 create token${input.permissions ? '' : ' --admin'} --name ${q(input.name)}${perms}${expiry} ` +
      `--host ${q(base)} --token "$INFLUXDB3_AUTH_TOKEN"`,
    curl:
      `curl -X POST ${q(`${base}${path}`)} -H "Authorization: Bearer $INFLUXDB3_AUTH_TOKEN" -H 'Content-Type: ` +
      `application/json' -d ${q(JSON.stringify(body))}`,
  };
}
