/**
 * A create whose answer was lost (connection cut, deadline passed, a gateway error) or broken (no
 * value in it) may still have made a token on the server, whose value nobody will ever see. Look
 * for it — same org, user, description and permissions, created in the last minutes — and say what
 * was found, so the person deletes an orphan instead of making a duplicate.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import { TokenDeskError } from '$contract/errors';
import type { TokenPermission } from '$contract/permissions';
import type { InfluxClient } from '../influx/client';
import { InfluxRequestError } from '../influx/errors';

/** How far back a token counts as "just made" (clocks of client and server may differ). */
const WINDOW_MS = 5 * 60 * 1000;

export interface CreateRequest {
  orgID: string;
  userID?: string;
  description: string;
  permissions: TokenPermission[];
}

/** Failures after which the server may have carried the create out. */
export function mayHaveCreated(error: unknown): boolean {
  if (!(error instanceof TokenDeskError)) return false;
  if (error.code === 'TIMEOUT' || error.code === 'BAD_RESPONSE') return true;
  if (error.code === 'NETWORK')
    return !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(
      String(error.details?.['networkCode'] ?? ''),
    );
  return error instanceof InfluxRequestError && [502, 503, 504].includes(error.reason.status);
}

const key = (p: TokenPermission) => `${p.action}:${p.resource.type}:${p.resource.orgID ?? ''}:${p.resource.id ?? ''}`;
const sameSet = (a: readonly TokenPermission[], b: readonly TokenPermission[]) => {
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
};

export async function findLostCreate(
  client: InfluxClient,
  request: CreateRequest,
  since: Date,
): Promise<Authorization[]> {
  const userID = request.userID ?? (await client.whoami()).id;
  const after = since.getTime() - WINDOW_MS;
  return (await client.listAuthorizations({ orgID: request.orgID })).filter(
    (a) =>
      a.userID === userID &&
      (a.description ?? '') === request.description &&
      Date.parse(a.createdAt ?? '') >= after &&
      sameSet((a.permissions ?? []) as TokenPermission[], request.permissions),
  );
}

/** The error a person sees: what happened, whether a token was made, and that its value is lost. */
export function lostCreateError(cause: TokenDeskError, found: Authorization[] | Error): TokenDeskError {
  // The first sentence says what happened; the cause's own advice ("try again") is wrong here.
  const what = `Creating the token did not finish cleanly: ${cause.message.split(/(?<=\.)\s/)[0]}`;
  if (found instanceof Error) {
    return new TokenDeskError(
      'CREATE_INTERRUPTED',
      `${what} Token Desk could not check whether InfluxDB made it anyway (${found.message}). Look for a token ` +
        `with this description in the list before generating again.`,
      { orphans: '' },
    );
  }
  if (found.length === 0) {
    return new TokenDeskError(
      'CREATE_INTERRUPTED',
      `${what} No such token was made on the server, so nothing is left behind: you can generate it again.`,
      { orphans: '' },
    );
  }
  const ids = found.map((a) => a.id ?? '').filter(Boolean);
  return new TokenDeskError(
    'CREATE_INTERRUPTED',
    `${what} InfluxDB did make it ` +
      `(${ids.length === 1 ? `ID ${ids[0]}` : `${ids.length} tokens: ${ids.join(', ')}`}), but its value never ` +
      `reached Token Desk and is lost for good. Delete ${ids.length === 1 ? 'it' : 'them'} and generate again.`,
    { orphans: ids.join(',') },
  );
}
