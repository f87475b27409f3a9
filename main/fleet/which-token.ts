/**
 * "Which token is this?": a pasted value matched locally first (the vault's fingerprints, InfluxDB
 * 3's hashes and OSS ≤ 2.7's readable values in the last lists), then, only on the connections the
 * person ticked, by asking InfluxDB 2.x whose it is (/api/v2/me with the value). The value is never
 * kept, logged or repeated: only its digests are compared, and the clients that send it redact it.
 */
import type { CredentialRow } from '$contract/credentials';
import { TokenDeskError } from '$contract/errors';
import type { TokenMatch, WhichTokenAnswer } from '$contract/fleet';
import { productProfile } from '$contract/products';
import type { CredentialRows } from '../families/rows';
import type { InfluxClients } from '../influx/clients';
import type { ConnectionProfiles } from '../profiles/profiles';
import { digestsOf } from '../secrets/digests';
import type { Vault } from '../vault/vault';

type Asked = WhichTokenAnswer['asked'][number];

export class WhichToken {
  constructor(
    private readonly rows: CredentialRows,
    private readonly vault: Vault,
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
  ) {}

  async identify(pasted: string, ask: readonly string[]): Promise<WhichTokenAnswer> {
    const value = pasted.trim();
    if (!value) throw new TokenDeskError('VALIDATION', 'Paste a token to identify.');
    const digests = digestsOf(value);
    const matches: TokenMatch[] = [];
    const add = (match: TokenMatch) => {
      const known = matches.some(
        (m) => m.connectionId === match.connectionId && m.row !== null && m.row.id === match.row?.id,
      );
      if (!known) matches.push(match);
    };
    for (const entry of await this.vault.holding(digests)) {
      const row = this.rowOf(entry.connectionId, entry.authorizationId);
      add({
        connectionId: entry.connectionId,
        how: 'vault',
        row,
        name: row?.name ?? (entry.description || entry.login || entry.authorizationId),
        owner: row?.owner ?? (entry.userName || null),
        vaultEntryId: entry.id,
        candidates: [],
      });
    }
    for (const { connectionId, row, how } of this.rows.matching(digests))
      add({ connectionId, how, row, name: row.name, owner: row.owner, vaultEntryId: null, candidates: [] });
    const asked = await Promise.all(
      ask.map(async (connectionId) => {
        const { said, match } = await this.askServer(connectionId, value);
        if (match) add(match);
        return said;
      }),
    );
    return { matches, asked };
  }

  private rowOf(connectionId: string, id: string): CredentialRow | null {
    return this.rows.lastOf(connectionId)?.rows.find((r) => r.id === id) ?? null;
  }

  /** Sends the value to one 2.x connection: /me names its user; Cloud's token filter names the token itself. */
  private async askServer(connectionId: string, value: string): Promise<{ said: Asked; match: TokenMatch | null }> {
    const say = (outcome: Asked['outcome'], message: string): Asked => ({ connectionId, outcome, message });
    try {
      const product = await (await this.clients.forConnection(connectionId)).product();
      const profile = productProfile(product);
      if (profile.family !== 'v2')
        return { said: say('failed', `${profile.label} has no /api/v2/me to ask.`), match: null };
      const list = this.rows.lastOf(connectionId) ?? (await this.rows.list(connectionId));
      // A client of its own, whose one secret is the pasted value: every message it makes redacts it.
      const pasted = this.clients.forTarget({ ...(await this.profiles.target({ id: connectionId })), token: value });
      const me = await pasted.whoami();
      const byFilter = profile.selfPermissionsByTokenFilter
        ? ((await pasted.listAuthorizations({ token: value }))[0]?.id ?? null)
        : null;
      const theirs = list.rows.filter(
        (r) =>
          r.kind.startsWith('token:') &&
          r.owner === me.name &&
          r.status === 'active' &&
          (byFilter === null || r.id === byFilter),
      );
      const row = theirs.length === 1 ? (theirs[0] ?? null) : null;
      const match: TokenMatch = {
        connectionId,
        how: 'me',
        row,
        name: row ? row.name : `One of ${theirs.length} active tokens of ${me.name}`,
        owner: me.name,
        vaultEntryId: null,
        candidates: row ? [] : theirs.map((r) => r.id),
      };
      return { said: say('found', `It is a token of ${me.name}.`), match };
    } catch (error) {
      if (error instanceof TokenDeskError && error.code === 'UNAUTHORIZED')
        return {
          said: say('unknown', 'The server refuses this value: it is none of its active tokens.'),
          match: null,
        };
      const message = error instanceof TokenDeskError ? error.message : 'The server could not be asked.';
      return { said: say('failed', message), match: null };
    }
  }
}
