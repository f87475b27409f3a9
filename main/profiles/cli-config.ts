/**
 * The influx CLI's connection configs (`~/.influxdbv2/configs`): TOML, one table per config with
 * url, token, org and active. Parsed here; tokens never leave main.
 */
import { parse, TomlError } from 'smol-toml';
import { TokenDeskError } from '$contract/errors';

export interface CliConfig {
  name: string;
  url: string;
  token: string | null;
  org: string | null;
  active: boolean;
}

export interface ParsedCliConfigs {
  configs: CliConfig[];
  /** Tables that are not usable configs (no url), by name. */
  skipped: string[];
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function parseCliConfigs(source: string): ParsedCliConfigs {
  let doc: Record<string, unknown>;
  try {
    doc = parse(source) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof TomlError ? ` (line ${error.line}, column ${error.column})` : '';
    throw new TokenDeskError(
      'IMPORT_FAILED',
      `The influx CLI config file is not valid TOML${where}. Fix it, or choose another file.`,
    );
  }
  const configs: CliConfig[] = [];
  const skipped: string[] = [];
  for (const [name, value] of Object.entries(doc)) {
    const table =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const url = table ? text(table['url']) : null;
    if (!table || !url) {
      skipped.push(name);
      continue;
    }
    configs.push({ name, url, token: text(table['token']), org: text(table['org']), active: table['active'] === true });
  }
  return { configs, skipped };
}
