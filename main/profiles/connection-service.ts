/**
 * What the connection screens call: test a draft, check a saved connection, pick files, import the
 * influx CLI's configs and export profiles (never tokens).
 */
import { join } from 'node:path';
import {
  connectionDefaults,
  type CliConfigPreview,
  type ConnectionCheck,
  type ConnectionDraft,
  type ConnectionSummary,
} from '$contract/connections';
import { TokenDeskError } from '$contract/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { readSmallFile } from '../fs/read-small-file';
import { failsConnection, type InfluxClients } from '../influx/clients';
import { checkConnectionWith } from '../families/registry';
import { normaliseUrl } from '../influx/target';
import type { Logger } from '../log/logger';
import type { StoredConnection } from '../settings/schema';
import type { Dialogs } from '../ports/dialogs';
import type { ConnectionProfiles } from './profiles';

export const EXPORT_FORMAT = 'token-desk/connections';

export class ConnectionService {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly dialogs: Dialogs,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly homeDir: string,
  ) {}

  async checkDraft(draft: ConnectionDraft): Promise<ConnectionCheck> {
    const target = await this.profiles.target(draft);
    return checkConnectionWith(this.clients.forTarget(target), draft.org, this.now());
  }

  async check(id: string): Promise<ConnectionCheck> {
    // A check starts the connection's facts afresh, and leaves them filled for the actions after it.
    const client = await this.clients.forConnection(id, { fresh: true });
    const result = await checkConnectionWith(client, this.profiles.preferredOrg(id), this.now()).catch(
      (error: unknown) => {
        if (error instanceof TokenDeskError && failsConnection(error))
          this.clients.tell(id, { ok: false, error: error.toShape() });
        throw error;
      },
    );
    this.clients.tell(id, { ok: true });
    if (result.family === 'v2') this.profiles.adoptOrg(id, result.org);
    return result;
  }

  defaultCliConfigPath(): string {
    return join(this.homeDir, '.influxdbv2', 'configs');
  }

  private async readCliConfigs(path: string) {
    let source: string;
    try {
      source = await readSmallFile(path, 1024 * 1024);
    } catch (error) {
      const reason = error instanceof TokenDeskError ? ` ${error.message}` : '';
      throw new TokenDeskError(
        'IMPORT_FAILED',
        `No influx CLI configs could be read at ${path}.${reason} Choose the configs file (it is usually ` +
          `~/.influxdbv2/configs).`,
      );
    }
    // Loaded when an import is asked for: the TOML parser is not needed to start.
    return (await import('./cli-config')).parseCliConfigs(source);
  }

  async previewCliImport(path = this.defaultCliConfigPath()): Promise<CliConfigPreview> {
    const { configs, skipped } = await this.readCliConfigs(path);
    const existing = this.profiles.list();
    return {
      path,
      skipped,
      configs: configs.map((c) => ({
        name: c.name,
        url: c.url,
        org: c.org,
        active: c.active,
        hasToken: c.token !== null,
        alreadyImported: existing.some((e) => e.name === c.name && e.url === safeUrl(c.url)),
      })),
    };
  }

  /** Seals every chosen token first, then saves all: a failure leaves nothing half-imported. */
  async importCli(path: string, names: string[]): Promise<ConnectionSummary[]> {
    const { configs } = await this.readCliConfigs(path);
    const chosen = names.map((name) => {
      const config = configs.find((c) => c.name === name);
      const gone = `The file no longer has a config named “${name}”. Preview it again.`;
      if (!config) throw new TokenDeskError('IMPORT_FAILED', gone);
      return config;
    });
    const prepared: StoredConnection[] = [];
    for (const config of chosen) {
      prepared.push({
        id: this.profiles.newConnectionId(),
        name: config.name.slice(0, 100),
        url: normaliseUrl(config.url),
        ...connectionDefaults,
        environment: { ...connectionDefaults.environment },
        tls: { ...connectionDefaults.tls },
        orgHint: config.org,
        tokenCipher: config.token ? await this.profiles.seal(config.token) : null,
        serviceUsers: [],
        selfTokenId: null,
        reviews: {},
        retirements: {},
        reviewPolicy: this.profiles.newReviewPolicy(),
        dataUrl: null,
      });
    }
    this.log.info('connection.imported', { count: prepared.length });
    return this.profiles.addAll(prepared);
  }

  async export(): Promise<{ path: string; count: number } | null> {
    const path = await this.dialogs.saveFile('export-connections', 'token-desk-connections.json');
    if (!path) return null;
    const connections = this.profiles
      .list()
      .map(({ name, url, org, environment, timeoutMs, tls }) => ({ name, url, org, environment, timeoutMs, tls }));
    const document = { format: EXPORT_FORMAT, version: 1, exportedAt: this.now().toISOString(), connections };
    await writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`);
    return { path, count: connections.length };
  }

  chooseCaFile(): Promise<string | null> {
    return this.dialogs.openFile('ca-certificate');
  }

  chooseCliConfigFile(): Promise<string | null> {
    return this.dialogs.openFile('cli-config');
  }
}

function safeUrl(url: string): string {
  try {
    return normaliseUrl(url);
  } catch {
    return url;
  }
}
