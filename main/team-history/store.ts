/**
 * What a family provides to hold the team history (main/families/registry.ts): setup of the bucket
 * or database and of a credential with the least rights there, one write of a batch of lines, and
 * the read of the team's records since a time.
 */
import type { TeamHistoryTarget } from '$contract/team-history';
import { TEAM_MEASUREMENT } from '$contract/team-history';
import type { InfluxClient } from '../influx/client';
import type { Influx1UserService } from '../influx1/user-service';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { TokenService } from '../tokens/token-service';
import type { UserService } from '../users/user-service';
import type { V3TokenService } from '../v3/v3-token-service';

/** The services setup makes its credential with: each keeps the value in the vault before anything else. */
export interface SetupServices {
  tokens: TokenService;
  users: UserService;
  influx1: Influx1UserService;
  v3: V3TokenService;
  profiles: ConnectionProfiles;
}

export interface PrepareContext {
  connectionId: string;
  database: string;
  /** 2.x: the org asked for; null takes the connection's. */
  orgID: string | null;
  desk: string;
  /** The connection's own client: setup runs with its rights. */
  client: InfluxClient;
  services: SetupServices;
}

export type PreparedTarget = Pick<TeamHistoryTarget, 'credential' | 'made' | 'orgID'>;

export interface TeamHistoryStore {
  prepare(context: PrepareContext): Promise<PreparedTarget>;
  /** One request; throws when the server did not take the batch. */
  write(client: InfluxClient, target: TeamHistoryTarget, lines: string): Promise<void>;
  read(client: InfluxClient, target: TeamHistoryTarget, since: Date, limit: number): Promise<Record<string, unknown>[]>;
}

/** The team view's one query, InfluxQL and SQL alike: the newest records since a time. */
export const teamQuery = (since: Date, limit: number, quote: '"' | '') =>
  `SELECT * FROM ${quote}${TEAM_MEASUREMENT}${quote} WHERE time > '${since.toISOString()}' ` +
  `ORDER BY time DESC LIMIT ${limit}`;

/** A desk's name as it can stand in a user or token name: lower case letters, digits, dashes. */
export const slugOf = (desk: string): string =>
  desk
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'desk';

/** Line protocol goes as plain text, never as the transport's default JSON. */
export const lineHeaders = { 'content-type': 'text/plain; charset=utf-8' };
