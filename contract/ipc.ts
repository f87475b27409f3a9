/**
 * The one IPC contract: every call the renderer can make, its argument schema (zod) and its result
 * type. Main validates with it, the preload builds `window.tokenDesk` from it, and the renderer's
 * types come from it. Adding a call means its name in channels.ts, an entry here, a handler in
 * main/ipc/handlers.ts, and its use; an answer that carries a secret is listed in `secretAnswers`.
 */
import { z } from 'zod';
import { callNames, channelOf, type CallName } from './channels';
import type { Envelope } from './errors';

export { callNames, channelOf, type CallName };
import type { MainEvent } from './events';
import { day, influxId, localId } from './ids';
import type { ReviewPolicy } from './review';
import { connectionDraftSchema, reviewPolicySchema } from './connection-schemas';
import type { CliConfigPreview, ConnectionCheck, ConnectionSummary } from './connections';
import {
  vaultRecoveries,
  type ImportOutcome,
  type ReconcileReport,
  type VaultEntrySummary,
  type VaultHealth,
  type VaultProtection,
} from './vault';
import { createTokenSchema, tokenRefSchema } from './token-schemas';
import type { CreatedToken, OrgResources, ReplacementPreview, TokenDetail, TokenList, TokenRow } from './tokens';
import type {
  DbrpMapping,
  V1BucketChoice,
  V1CheckResult,
  V1CredentialList,
  V1CredentialRow,
  V1PasswordSet,
} from './v1-credentials';
import type { CreatedServiceUser, UsersView } from './users';
import type { HistoryView } from './history';
import type { CreatedV3Token, V3TokenList } from './v3-tokens';
import { createV3TokenSchema, v3RefSchema } from './v3-schemas';
import { createServiceUserSchema } from './user-schemas';
import type { Influx1PasswordSet, Influx1UserList, Influx1UserRow } from './influx1';
import type { CredentialList, FleetEntry } from './credentials';
import type { Dismissal, WhichTokenAnswer } from './fleet';
import type { ActivationProbe, ClusterTokenList, ClusterTokenRow, CreatedClusterToken } from './cluster-tokens';
import {
  clusterTokenRefSchema,
  createClusterTokenSchema,
  probeClusterTokenSchema,
  updateClusterTokenSchema,
} from './cluster-schemas';
import type { TeamCopy, TeamDestination } from './team';
import { destinationDraftSchema } from './team-schemas';
import type { TeamHistoryStatus, TeamHistoryView } from './team-history';
import { deskNameSchema, setUpTeamHistorySchema } from './team-history-schemas';
import {
  createInflux1UserSchema,
  dropInflux1UserSchema,
  firstInflux1AdminSchema,
  influx1SnippetSchema,
  influx1UserRefSchema,
  setInflux1AdminSchema,
  setInflux1GrantsSchema,
  setInflux1PasswordSchema,
  setInflux1ReviewSchema,
} from './influx1-schemas';
import { createDbrpSchema, createV1Schema, v1PasswordSchema, v1RefSchema, v1SnippetSchema } from './v1-schemas';

/** A call: its argument schema, and its result type carried as a phantom (never read at run time). */
export interface CallSpec<A extends z.ZodType, R> {
  readonly args: A;
  /** Boxed so a result type that includes null survives NonNullable below. */
  readonly result?: [R];
}

function call<R>() {
  return <A extends z.ZodType>(args: A): CallSpec<A, R> => ({ args });
}

export const themeSources = ['system', 'light', 'dark'] as const;
export type ThemeSource = (typeof themeSources)[number];

export interface SecretStoreStatus {
  /** The OS backend Electron chose: keychain, dpapi, gnome_libsecret, kwallet…, basic_text, unknown, or test. */
  backend: string;
  /** True only when values are really protected by the OS key store. */
  available: boolean;
  /** Plain words for the user: what protects their secrets, or why nothing does. */
  summary: string;
}

export interface SystemInfo {
  appName: string;
  appVersion: string;
  versions: { electron: string | null; chrome: string | null; node: string };
  platform: string;
  arch: string;
  secretStore: SecretStoreStatus;
}

export interface PublicSettings {
  theme: ThemeSource;
  /** Seconds before a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: number;
  /** Minutes of idle time before a passphrase vault locks; 0 = never. */
  autoLockMinutes: number;
  /** One OS notification a day, at most, for what is due (and a count on the dock or taskbar). */
  reminders: boolean;
  /** The review policy a new connection starts with. */
  newReviewPolicy: ReviewPolicy;
  /** True when the settings file was written by a newer Token Desk: changes are kept in memory only. */
  readOnly: boolean;
  /** What was damaged in the settings at start and repaired, and where the file as it was is kept. */
  repairs: { notes: string[]; copy: string | null };
}

const connectionId = localId;
const historyText = z.string().max(1000).optional();
const byId = z.object({ id: connectionId }).strict();
/** Review dates of many credentials of one connection (InfluxDB IDs), saved in one write. */
const reviewsSchema = z
  .object({
    connectionId,
    reviews: z
      .array(z.object({ id: influxId, reviewBy: day.nullable() }).strict())
      .min(1)
      .max(20_000),
  })
  .strict();
const byEntry = z.object({ id: localId }).strict();
const attentionKey = z.string().min(1).max(800);
/** A KeePassXC master password typed for one send ("Ask each time"), else null. */
const teamPassword = z.string().min(1).max(1024).nullable();

export const contract = {
  getSystemInfo: call<SystemInfo>()(z.undefined()),
  getSettings: call<PublicSettings>()(z.undefined()),
  setTheme: call<PublicSettings>()(z.object({ theme: z.enum(themeSources) }).strict()),

  listConnections: call<ConnectionSummary[]>()(z.undefined()),
  saveConnection: call<ConnectionSummary>()(connectionDraftSchema),
  /** Checks a draft before saving (its token, or the stored one of `id`). */
  checkDraft: call<ConnectionCheck>()(connectionDraftSchema),
  /** Checks a saved connection, as on select. */
  checkConnection: call<ConnectionCheck>()(byId),
  selectConnection: call<ConnectionSummary[]>()(byId),
  duplicateConnection: call<ConnectionSummary>()(byId),
  removeConnection: call<ConnectionSummary[]>()(byId),
  moveConnection: call<ConnectionSummary[]>()(
    z.object({ id: connectionId, direction: z.enum(['up', 'down']) }).strict(),
  ),
  /** Opens the OS file picker in main; the renderer only ever sees the chosen path. */
  chooseCaFile: call<string | null>()(z.undefined()),
  chooseCliConfigFile: call<string | null>()(z.undefined()),
  /** Reads the influx CLI's configs (default ~/.influxdbv2/configs); tokens stay in main. */
  previewCliImport: call<CliConfigPreview>()(z.object({ path: z.string().min(1).max(4096).optional() }).strict()),
  importCliConfigs: call<ConnectionSummary[]>()(
    z
      .object({ path: z.string().min(1).max(4096), names: z.array(z.string().min(1).max(200)).min(1).max(200) })
      .strict(),
  ),
  /** Saves the profiles, without any token, to a JSON file the user picks; null when cancelled. */
  exportConnections: call<{ path: string; count: number } | null>()(z.undefined()),

  /** `refresh`: forget what is known of the server (org names, product) and ask again. */
  listTokens: call<TokenList>()(z.object({ connectionId, refresh: z.boolean().optional() }).strict()),
  getTokenResources: call<OrgResources>()(z.object({ connectionId, orgID: influxId }).strict()),
  /** `orgID`: the org the list showed the token in, so its names are read alongside it. */
  getTokenDetail: call<TokenDetail>()(tokenRefSchema.extend({ orgID: influxId.optional() })),
  /** The only answers that carry a token value: the value was saved to the vault first. */
  createToken: call<CreatedToken>()(createTokenSchema),
  cloneToken: call<CreatedToken>()(z.object({ connectionId, id: influxId, saveToVault: z.boolean() }).strict()),
  rotateToken: call<CreatedToken>()(tokenRefSchema),
  /** `description`, here and below: the token's, as the page showed it, for the history only. */
  finishRotation: call<null>()(
    z
      .object({
        connectionId,
        oldId: influxId,
        newId: influxId,
        retire: z.enum(['deactivate', 'delete']),
        description: historyText,
      })
      .strict(),
  ),
  /** What a permission change would add and remove, refused up front as a create would be; creates nothing. */
  previewReplacement: call<ReplacementPreview>()(createTokenSchema.and(z.object({ replaces: influxId }))),
  /** The same permissions owned by `userID` (a service user); retired afterwards with finishRotation. */
  reissueToken: call<CreatedToken>()(tokenRefSchema.extend({ userID: influxId })),
  /** The user says which token this connection uses (null: forget it). */
  markSelfToken: call<ConnectionSummary>()(z.object({ connectionId, id: influxId.nullable() }).strict()),
  /** A token's review-by date (null clears it); answers the connection, whose due count changed. */
  setTokenReview: call<ConnectionSummary>()(
    z.object({ connectionId, id: influxId, reviewBy: day.nullable() }).strict(),
  ),
  /** Review-by dates of many tokens in one write: the policy applied to tokens without one, a selection's date. */
  setTokenReviews: call<ConnectionSummary>()(reviewsSchema),
  setReviewPolicy: call<ConnectionSummary>()(reviewPolicySchema.extend({ connectionId }).strict()),
  listUsers: call<UsersView>()(z.object({ connectionId, orgID: influxId }).strict()),
  /** Progress arrives as `progress` events with the call's operationId. */
  createServiceUser: call<CreatedServiceUser>()(createServiceUserSchema),
  markServiceUser: call<ConnectionSummary>()(
    z.object({ connectionId, userID: influxId, service: z.boolean() }).strict(),
  ),
  setTokenStatus: call<TokenRow>()(
    z.object({ connectionId, id: influxId, status: z.enum(['active', 'inactive']), description: historyText }).strict(),
  ),
  setTokenDescription: call<TokenRow>()(
    z.object({ connectionId, id: influxId, description: z.string().max(1000) }).strict(),
  ),
  deleteToken: call<null>()(tokenRefSchema.extend({ description: historyText })),
  listV3Tokens: call<V3TokenList>()(z.object({ connectionId }).strict()),
  /** These four answer a v3 token's string, saved to the vault first. */
  createV3Token: call<CreatedV3Token>()(createV3TokenSchema),
  rotateV3Token: call<CreatedV3Token>()(v3RefSchema),
  regenerateV3Admin: call<CreatedV3Token>()(z.object({ connectionId }).strict()),
  /** A server without an admin token yet: its first `_admin`, which the connection then uses. */
  createV3FirstAdmin: call<CreatedV3Token>()(z.object({ connectionId }).strict()),
  deleteV3Token: call<null>()(z.object({ connectionId, name: z.string().min(1).max(200) }).strict()),
  listV1Credentials: call<V1CredentialList>()(z.object({ connectionId }).strict()),
  getV1Buckets: call<V1BucketChoice[]>()(z.object({ connectionId, orgID: influxId }).strict()),
  /** With setV1Password, the only answers carrying a password: saved to the vault first. */
  createV1Credential: call<V1PasswordSet>()(createV1Schema),
  setV1Password: call<V1PasswordSet>()(v1RefSchema.extend({ password: v1PasswordSchema, description: historyText })),
  setV1Status: call<V1CredentialRow>()(
    v1RefSchema.extend({ status: z.enum(['active', 'inactive']), description: historyText }),
  ),
  setV1Description: call<V1CredentialRow>()(v1RefSchema.extend({ description: z.string().max(1000) })),
  /** A v1 credential's review-by date (null clears it); answers the connection, whose due count changed. */
  setV1Review: call<ConnectionSummary>()(v1RefSchema.extend({ reviewBy: day.nullable() })),
  /** The same for a selection of v1 credentials, in one write. */
  setV1Reviews: call<ConnectionSummary>()(reviewsSchema),
  deleteV1Credential: call<null>()(v1RefSchema.extend({ description: historyText })),
  /** `password`: one typed to check; else the vault's. */
  checkV1Credential: call<V1CheckResult>()(v1RefSchema.extend({ password: z.string().min(1).max(1024).optional() })),
  /** Copies a 1.x client's usage with the vault's password filled in by main. */
  copyV1Snippet: call<{ clearsAfterSeconds: number | null }>()(v1SnippetSchema),
  createDbrpMapping: call<DbrpMapping>()(createDbrpSchema),
  /** Any connection's credentials in the common shape of every family (for views across connections). */
  listCredentials: call<CredentialList>()(z.object({ connectionId }).strict()),
  /** Every connection's last list (or failure), nothing asked: the views across connections answer at once. */
  lastCredentials: call<FleetEntry[]>()(z.undefined()),
  /** Review dates of rows of one connection's last list, whatever their family, in one write. */
  setCredentialReviews: call<FleetEntry>()(
    z
      .object({
        connectionId,
        reviews: z
          .array(
            z.object({ id: z.string().min(1).max(1000), kind: z.string().max(40), reviewBy: day.nullable() }).strict(),
          )
          .min(1)
          .max(10_000),
      })
      .strict(),
  ),
  /**
   * The pasted value is matched by its digests and sent only to the connections in `ask`; it is
   * never kept or logged, and no answer carries it.
   */
  identifyToken: call<WhichTokenAnswer>()(
    z.object({ value: z.string().min(1).max(20_000), ask: z.array(connectionId).max(200) }).strict(),
  ),
  exportInventory: call<{ path: string; count: number; unread: number } | null>()(
    z.object({ format: z.enum(['csv', 'json']) }).strict(),
  ),
  listDismissals: call<Dismissal[]>()(z.undefined()),
  dismissAttention: call<Dismissal[]>()(
    z
      .object({
        connectionId,
        key: attentionKey,
        title: z.string().max(1000),
        reason: z.string().trim().min(1).max(500),
      })
      .strict(),
  ),
  restoreAttention: call<Dismissal[]>()(z.object({ connectionId, key: attentionKey }).strict()),
  /** Marks a credential kept after its replacement with a day to retire it by (null: no longer waiting). */
  setRetirement: call<ConnectionSummary>()(
    z
      .object({
        connectionId,
        credentialId: z.string().min(1).max(256),
        retirement: z
          .object({ by: day, replacedBy: z.string().max(400) })
          .strict()
          .nullable(),
        description: historyText,
      })
      .strict(),
  ),
  listInflux1Users: call<Influx1UserList>()(z.object({ connectionId }).strict()),
  /** These three answer a 1.x password, saved to the vault first. */
  createInflux1User: call<Influx1PasswordSet>()(createInflux1UserSchema),
  /** A server in setup state (authentication on, no user): its first admin, which the connection then uses. */
  createInflux1FirstAdmin: call<Influx1PasswordSet>()(firstInflux1AdminSchema),
  setInflux1Password: call<Influx1PasswordSet>()(setInflux1PasswordSchema),
  setInflux1Grants: call<Influx1UserRow>()(setInflux1GrantsSchema),
  /** A 1.x user's review-by date (null clears it); answers the connection, whose due count changed. */
  setInflux1Review: call<ConnectionSummary>()(setInflux1ReviewSchema),
  /** `confirm`: the connection's name, required where the change would leave the server without an admin. */
  setInflux1Admin: call<Influx1UserRow>()(setInflux1AdminSchema),
  dropInflux1User: call<null>()(dropInflux1UserSchema),
  /** `password`: one typed to check; else the vault's. Logs in as the user; changes nothing. */
  checkInflux1User: call<{ ok: boolean; message: string }>()(
    influx1UserRefSchema.extend({ password: z.string().min(1).max(1024).optional() }),
  ),
  /** Copies a 1.x client's usage with the vault's password filled in by main. */
  copyInflux1Snippet: call<{ clearsAfterSeconds: number | null }>()(influx1SnippetSchema),
  /** Copies through main; a secret is cleared after the configured delay if still there. */
  copyText: call<{ clearsAfterSeconds: number | null }>()(
    z.object({ text: z.string().min(1).max(100_000), secret: z.boolean() }).strict(),
  ),
  listClusterTokens: call<ClusterTokenList>()(z.object({ connectionId }).strict()),
  /** With rotateClusterToken, the only answers carrying a database token's value: saved to the vault first. */
  createClusterToken: call<CreatedClusterToken>()(createClusterTokenSchema),
  /** Description and permissions, in place (the Management API's PATCH); the expiry cannot change. */
  updateClusterToken: call<ClusterTokenRow>()(updateClusterTokenSchema),
  rotateClusterToken: call<CreatedClusterToken>()(clusterTokenRefSchema),
  revokeClusterToken: call<null>()(clusterTokenRefSchema.extend({ description: z.string().max(1000).optional() })),
  /** One try of a new token (its value from the vault) on the cluster: is it active yet? */
  probeClusterToken: call<ActivationProbe>()(probeClusterTokenSchema),
  setClusterTokenReview: call<ConnectionSummary>()(clusterTokenRefSchema.extend({ reviewBy: day.nullable() })),
  setPreferences: call<PublicSettings>()(
    z
      .object({
        clipboardClearSeconds: z.number().int().min(0).max(600).optional(),
        autoLockMinutes: z.number().int().min(0).max(1440).optional(),
        reminders: z.boolean().optional(),
        newReviewPolicy: reviewPolicySchema.optional(),
      })
      .strict(),
  ),

  getVaultStatus: call<{ health: VaultHealth; protection: VaultProtection; osKeyStore: SecretStoreStatus }>()(
    z.undefined(),
  ),
  listVault: call<VaultEntrySummary[]>()(z.undefined()),
  /** The only other answer carrying a value: an explicit reveal. */
  revealVaultValue: call<{ value: string }>()(byEntry),
  /** Copies without revealing: the value goes from main to the clipboard, never to the page. */
  copyVaultValue: call<{ clearsAfterSeconds: number | null }>()(byEntry),
  updateVaultEntry: call<VaultEntrySummary>()(
    z
      .object({
        id: localId,
        notes: z.string().max(10_000).optional(),
        labels: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
      })
      .strict(),
  ),
  deleteVaultEntry: call<null>()(byEntry),
  recoverVault: call<VaultHealth>()(z.object({ choice: z.enum(vaultRecoveries) }).strict()),
  setVaultPassphrase: call<VaultProtection>()(
    z.object({ passphrase: z.string().min(8).max(1024), alsoOsKeyStore: z.boolean() }).strict(),
  ),
  unlockVault: call<VaultProtection>()(z.object({ passphrase: z.string().min(1).max(1024) }).strict()),
  lockVault: call<VaultProtection>()(z.undefined()),
  reconcileVault: call<ReconcileReport>()(z.object({ connectionId }).strict()),
  captureValues: call<{ saved: number; alreadyInVault: number }>()(z.object({ connectionId }).strict()),
  importTokenValue: call<ImportOutcome>()(
    z
      .object({ connectionId, value: z.string().trim().min(8).max(4096), authorizationId: influxId.optional() })
      .strict(),
  ),
  exportVault: call<{ path: string; count: number } | null>()(
    z.object({ passphrase: z.string().min(8).max(1024) }).strict(),
  ),
  importVault: call<{ added: number; skipped: number } | null>()(
    z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
  ),
  listTeamDestinations: call<TeamDestination[]>()(z.undefined()),
  /** A KeePassXC master password crosses here once, to be sealed in main; it never comes back. */
  saveTeamDestination: call<TeamDestination>()(destinationDraftSchema),
  removeTeamDestination: call<TeamDestination[]>()(byEntry),
  /** Sends a vault entry's value to a team vault (Retry, bulk send); `password`: a master password asked for now. */
  sendToTeam: call<TeamCopy>()(z.object({ entryId: localId, destinationId: localId, password: teamPassword }).strict()),
  /** Deletes the team's copy of an entry (a deleted credential's copy is only marked retired otherwise). */
  deleteTeamCopy: call<TeamCopy>()(
    z.object({ entryId: localId, destinationId: localId, password: teamPassword }).strict(),
  ),
  /** What Token Desk changed on servers, newest first. */
  listHistory: call<HistoryView>()(z.undefined()),
  /** Saves the history to a file the user picks; null when cancelled. */
  exportHistory: call<{ path: string; count: number } | null>()(
    z.object({ format: z.enum(['csv', 'json']), scope: z.enum(['desk', 'team']).default('desk') }).strict(),
  ),
  /** Where this desk's history goes for the team, how many records wait and why. */
  getTeamHistory: call<TeamHistoryStatus>()(z.undefined()),
  /** Makes the bucket or database and a least-rights credential (value to the vault), then ships every record. */
  setUpTeamHistory: call<TeamHistoryStatus>()(setUpTeamHistorySchema),
  stopTeamHistory: call<TeamHistoryStatus>()(z.undefined()),
  /** Ships what waits now, without waiting for the next retry. */
  shipTeamHistory: call<TeamHistoryStatus>()(z.undefined()),
  /** The team's records read back from the target. */
  readTeamHistory: call<TeamHistoryView>()(z.undefined()),
  setDeskName: call<TeamHistoryStatus>()(deskNameSchema),
} as const satisfies { [K in CallName]: CallSpec<z.ZodType, unknown> };

export type Contract = typeof contract;

/**
 * The only answers that may carry a secret to the page, and what it is. Each value was saved to the
 * vault before the answer left main (or the answer says why not). test/unit/secret-answers.test.ts
 * holds every other answer to carrying none of them; a call added here is a decision, not an accident.
 */
export const secretAnswers = {
  createToken: 'the new token’s value',
  cloneToken: 'the clone’s value',
  rotateToken: 'the replacement’s value',
  reissueToken: 'the re-issued token’s value',
  createServiceUser: 'the service user’s password, when one was set',
  createV3Token: 'the new InfluxDB 3 token’s string',
  rotateV3Token: 'the replacement’s string',
  /** The old `_admin` stops working at once; the connection takes the new string in the same step. */
  regenerateV3Admin: 'the new _admin string',
  /** A server without an admin token yet; the connection then uses it. */
  createV3FirstAdmin: 'the first _admin string',
  createV1Credential: 'the v1 credential’s password',
  setV1Password: 'the v1 credential’s new password',
  createInflux1User: 'the 1.x user’s password',
  /** A 1.x server in setup state; the connection then logs in as it. */
  createInflux1FirstAdmin: 'the first admin’s password',
  setInflux1Password: 'the 1.x user’s new password',
  createClusterToken: 'the new database token’s value',
  rotateClusterToken: 'the replacement database token’s value',
  revealVaultValue: 'a vault value, on an explicit reveal (the page hides it again after 20 s)',
} as const satisfies Partial<Record<CallName, string>>;
export type ArgsOf<K extends CallName> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends CallName> = z.output<Contract[K]['args']>;
export type ResultOf<K extends CallName> = NonNullable<Contract[K]['result']>[0];

type CallFn<K extends CallName, R> =
  undefined extends ArgsOf<K> ? (args?: ArgsOf<K>) => Promise<R> : (args: ArgsOf<K>) => Promise<R>;

/**
 * What `window.tokenDesk` is: one explicit function per call, answering the envelope as main sent
 * it. Envelopes are plain data, so they cross contextBridge whole (an Error's own fields would not).
 */
export type BridgeApi = { [K in CallName]: CallFn<K, Envelope<ResultOf<K>>> } & {
  /** Listens to main's notifications (events.ts); answers the function that stops listening. */
  onEvent: (listener: (event: MainEvent) => void) => () => void;
};

/** The renderer's client (renderer/src/lib/api.ts): the value, or a thrown TokenDeskError. */
export type TokenDeskApi = { [K in CallName]: CallFn<K, ResultOf<K>> } & Pick<BridgeApi, 'onEvent'>;
