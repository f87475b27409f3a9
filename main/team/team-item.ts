/**
 * What a team vault is told about a value: the same facts for every destination, read from its
 * vault entry (never the value itself, which travels apart, on standard input).
 */
import { permissionWords } from '$contract/permission-diff';
import type { VaultEntrySummary } from '$contract/vault';

export interface TeamItem {
  /** The credential's name, safe as one path segment (a "/" would open a folder). */
  title: string;
  username: string;
  url: string;
  connection: string;
  kind: string;
  id: string;
  /** Connection, kind, ID and permissions in words, one per line. */
  notes: string;
}

const kindWords: Record<VaultEntrySummary['kind'], string> = {
  token: 'API token',
  'v1-password': 'v1 credential password',
  'user-password': 'user sign-in password',
  'influx1-password': 'InfluxDB 1.x user password',
};

/** One path segment: no separators, no leading dots, no control characters. */
export function segment(text: string): string {
  const cleaned = text
    .replace(/[\\/]/g, '∕')
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'unnamed';
}

export function teamItem(entry: VaultEntrySummary): TeamItem {
  const name = entry.description || entry.login || entry.authorizationId;
  const orgName = (id: string) => (id === entry.orgID ? entry.orgName : undefined);
  const permissions = entry.permissions.map((p) => permissionWords(p, () => undefined, orgName));
  return {
    title: segment(name),
    username: entry.login ?? entry.userName,
    url: entry.instanceUrl,
    connection: entry.connectionName,
    kind: kindWords[entry.kind],
    id: entry.authorizationId,
    notes: [
      `Connection: ${entry.connectionName}`,
      `Kind: ${kindWords[entry.kind]}`,
      `ID: ${entry.authorizationId}`,
      ...(entry.orgName ? [`Organization: ${entry.orgName}`] : []),
      ...(permissions.length ? [`Permissions: ${permissions.join('; ')}`] : []),
      'Kept by Token Desk.',
    ].join('\n'),
  };
}

/** A folder template ("InfluxDB/{connection}") with the connection's name filled in, segment by segment. */
export function folderFor(template: string, item: TeamItem): string {
  return template
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => segment(part.replaceAll('{connection}', item.connection)))
    .join('/');
}
