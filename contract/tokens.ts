/** Tokens (InfluxDB authorizations) as the renderer sees them. Plain data; schemas in token-schemas.ts. */
import type { TokenPermission } from './permissions';
import type { ProductKind } from './products';
import type { TokenKind } from './token-kinds';
import type { VaultOutcome } from './vault';

export type { TokenKind } from './token-kinds';
export type { CreateTokenInput, TokenSpec } from './token-schemas';

export interface TokenRow {
  id: string;
  description: string;
  status: 'active' | 'inactive';
  userID: string;
  userName: string;
  orgID: string;
  orgName: string;
  createdAt: string;
  updatedAt: string;
  permissions: TokenPermission[];
  kind: TokenKind;
  /** "Operator", "All access", "Read 2 buckets · Write 1 bucket", "Custom: 7 permissions". */
  summary: string;
  /** Its value is in Token Desk's vault. */
  inVault: boolean;
  /** Its vault entry, for copy and reveal from the token's detail; null when not in the vault. */
  vaultEntryId: string | null;
  /** Its review-by date (YYYY-MM-DD) in Token Desk; null when none was set. */
  reviewBy: string | null;
}

export interface TokenList {
  rows: TokenRow[];
  product: ProductKind;
  /** OSS ≤ 2.7 returns values on every read: the last chance to capture them before 2.9 hashes them. */
  valuesReadable: boolean;
  /** The token this connection itself uses, where Token Desk can know it; null otherwise. */
  selfTokenId: string | null;
  /**
   * While `selfTokenId` is null: the tokens that may be the connection's own (active, of the user it
   * logs in as, able to have listed these); each is guarded as if it were. Empty when it is known.
   */
  selfCandidates: string[];
  /** What uses each token, by token ID (only tokens something is known to use). */
  dependents: Record<string, Dependent[]>;
  /** What could not be read to tell what uses the tokens, in words; the guards ask while it is not empty. */
  dependentsUnread: string[];
}

/** Something that stops working with a token: a Telegraf configuration (its agent), a task (Cloud). */
export interface Dependent {
  kind: 'telegraf' | 'task';
  id: string;
  name: string;
  /** In plain words, what happens to it when the token is deactivated or deleted. */
  effect: string;
}

export interface NamedItem {
  id: string;
  name: string;
}

export interface OrgResources {
  orgID: string;
  buckets: NamedItem[];
  telegrafs: NamedItem[];
  dashboards: NamedItem[];
  tasks: NamedItem[];
  users: NamedItem[];
  /** Every resource type the server knows (GET /api/v2/resources), instance excluded. */
  types: string[];
  /** The connection's own user, the default owner of new tokens. */
  me: NamedItem;
}

/** The one answer that carries a token's value: right after it was created. */
export interface CreatedToken {
  token: TokenRow;
  value: string;
  vault: VaultOutcome;
}

/** What a permission change does, shown before the replacement is made. */
export interface ReplacementPreview {
  added: string[];
  removed: string[];
  /** Permissions both tokens hold. */
  kept: number;
}

export interface TokenDetail {
  token: TokenRow;
  dependents: Dependent[];
  /** What could not be read to tell what uses it: "could not check what uses this token" until it can. */
  dependentsUnread: string[];
  /** OSS: tasks run as their owner, never with a token; these are the owner's (they fail if it is deleted). */
  ownerTasks: { name: string; active: boolean }[] | null;
  /** This connection uses this token. */
  self: boolean;
  /** Permissions grouped by resource type with resolved names ("deleted resource" when gone). */
  groups: { type: string; entries: { action: 'read' | 'write'; scope: string; deleted: boolean }[] }[];
  json: string;
  cli: { command: string; note: string | null };
  curl: string;
}
