/**
 * An org's users as the Users view shows them: role, what they own, and what deleting them would
 * break. Plain data; argument schemas in user-schemas.ts.
 */
import type { VaultOutcome } from './vault';

export type OrgRole = 'member' | 'owner';

export interface UserRow {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  /** Its role in the org shown; null: it owns tokens there without being a member. */
  role: OrgRole | null;
  /** Marked as a service user in Token Desk (InfluxDB has no such flag). */
  service: boolean;
  activeTokens: number;
  inactiveTokens: number;
  /** The IDs of the tokens it owns (for its tokens' list, narrowed to them). */
  tokenIds: string[];
  /** Tasks it owns, in every org: OSS tasks run as their owner. */
  tasks: { id: string; name: string; active: boolean }[];
  /** In plain words: what stops working if it is deleted. */
  impact: string;
}

/** A token InfluxDB no longer lists because its user was deleted, known from the vault. */
export interface OrphanToken {
  entryId: string;
  authorizationId: string;
  description: string;
  userName: string;
}

export interface UserRights {
  /** null: not known (the server did not let Token Desk tell). */
  createUsers: boolean | null;
  manageMembers: boolean | null;
  /** Why not, and what to do instead; null when it can. */
  reason: string | null;
}

export interface UsersView {
  orgID: string;
  users: UserRow[];
  orphans: OrphanToken[];
  rights: UserRights;
  /**
   * What the server would not give, each with why ("the org's members: <reason>"): roles, tasks and
   * what deleting a user breaks may then be incomplete, and the page says so instead of staying silent.
   */
  unread: string[];
}

export interface ServiceUserStep {
  label: string;
  state: 'done' | 'failed' | 'undone' | 'not-undone';
}

export interface CreatedServiceUser {
  user: { id: string; name: string };
  steps: ServiceUserStep[];
  /** Set when a password was asked for: shown once, saved to the vault first. */
  password: { value: string; vault: VaultOutcome } | null;
}

/** Why a name cannot be a user's, or null. InfluxDB only refuses a taken one; a name must say what it is. */
export function userNameProblem(name: string): string | null {
  if (name === '') return 'Enter a name.';
  if (name.trim() !== name) return 'A name cannot start or end with a space.';
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A name cannot contain control characters.';
  if (name.length > 100) return 'Keep the name under 100 characters.';
  return null;
}

/** What deleting a user does, from InfluxDB's behaviour: tokens fail and vanish from its list, tasks fail. */
export function deletionImpact(name: string, active: number, inactive: number, activeTasks: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (active) parts.push(`${plural(active, 'active token')} stop working and disappear from InfluxDB's token list`);
  if (inactive) parts.push(`${plural(inactive, 'inactive token')} disappear${inactive === 1 ? 's' : ''} from it`);
  if (activeTasks)
    parts.push(
      `${plural(activeTasks, 'task')} keep${activeTasks === 1 ? 's' : ''} running and ` +
        `fail${activeTasks === 1 ? 's' : ''} (tasks run as their owner)`,
    );
  if (parts.length === 0) return `If ${name} is deleted, no token or task Token Desk can see depends on it.`;
  const last = parts.pop() as string;
  return `If ${name} is deleted, ${parts.length ? `${parts.join(', ')} and ${last}` : last}.`;
}
