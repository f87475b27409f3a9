/**
 * The `influx auth create` command and the `curl` request that would make the same token, for people
 * who script. Secrets are never in them: the caller's token is the placeholder $INFLUX_TOKEN.
 */
import type { TokenPermission } from '$contract/permissions';
import { tokenKinds } from '$contract/token-kinds';
import type { TokenRow } from '$contract/tokens';

/** POSIX shell single-quoting. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What a POST body needs of a permission: no output-only names. */
export function postable(p: TokenPermission): TokenPermission {
  const { type, id, orgID } = p.resource;
  return {
    action: p.action,
    resource: { type, ...(id !== undefined ? { id } : {}), ...(orgID !== undefined ? { orgID } : {}) },
  };
}

export function cliEquivalent(
  token: Pick<TokenRow, 'orgID' | 'userName' | 'description' | 'permissions' | 'kind' | 'status'>,
): { command: string; note: string | null } {
  const base = ['influx auth create', `--org-id ${token.orgID}`, `--user ${shellQuote(token.userName)}`];
  if (token.description) base.push(`--description ${shellQuote(token.description)}`);
  const inactive = token.status === 'inactive' ? ' && influx auth inactive --id <new token ID>' : '';
  const flag = tokenKinds[token.kind].cliFlag;
  if (flag) return { command: [...base, flag].join(' \\\n  ') + inactive, note: null };
  const flags: string[] = [];
  const unsupported: string[] = [];
  for (const p of token.permissions) {
    const { type, id } = p.resource;
    if (type === 'buckets' && id !== undefined) flags.push(`--${p.action}-bucket ${id}`);
    else if (id === undefined) flags.push(`--${p.action}-${type}`);
    else unsupported.push(`${p.action} ${type} ${id}`);
  }
  const note = unsupported.length
    ? `influx auth create cannot grant single ${[...new Set(unsupported.map((u) => u.split(' ')[1]))].join(', ')} ` +
      `items (${unsupported.join('; ')}); the curl request below can.`
    : null;
  return { command: [...base, ...[...new Set(flags)]].join(' \\\n  ') + inactive, note };
}

export function curlEquivalent(
  url: string,
  token: Pick<TokenRow, 'orgID' | 'userID' | 'description' | 'permissions' | 'status'>,
): string {
  const body = {
    orgID: token.orgID,
    userID: token.userID,
    description: token.description,
    status: token.status,
    permissions: token.permissions.map(postable),
  };
  return [
    `curl --request POST ${shellQuote(`${url}/api/v2/authorizations`)}`,
    '--header "Authorization: Token $INFLUX_TOKEN"',
    "--header 'Content-Type: application/json'",
    `--data ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n  ');
}
