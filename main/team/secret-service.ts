/**
 * The desktop's Secret Service (GNOME Keyring, KWallet, KeePassXC's own), through `secret-tool`:
 * one item per credential, labelled with its name and found again by its attributes. The value goes
 * on standard input.
 */
import { TokenDeskError } from '$contract/errors';
import type { TeamItem } from './team-item';
import { runTool, toolSaid } from './run-tool';
import type { Previous, TeamWriter, WriterContext } from './writer';

export const SECRET_SERVICE_APPLICATION = 'token-desk';

const identity = (item: TeamItem) => [
  ...['application', SECRET_SERVICE_APPLICATION, 'connection', item.connection],
  ...['kind', item.kind, 'id', item.id],
];
const attributes = (item: TeamItem, state: 'current' | 'retired') => [...identity(item), 'state', state];

export class SecretServiceWriter implements TeamWriter {
  constructor(private readonly context: WriterContext) {}

  private async tool(args: string[], stdin: string, doing: string): Promise<void> {
    const { env, timeoutMs } = this.context;
    const run = await runTool('secret-tool', args, { stdin, env, timeoutMs, what: 'secret-tool' });
    if (run.code !== 0)
      throw new TokenDeskError(
        'TOOL_FAILED',
        `The Secret Service could not ${doing}: ${toolSaid(run)}. Is the keyring running and unlocked?`,
      );
  }

  private label(item: TeamItem, retired = ''): string {
    return `${item.title} (${item.connection})${retired}`;
  }

  async put(item: TeamItem, value: string, previous: Previous | null): Promise<string> {
    // A rotation keeps the label the team knows; the same attributes replace an item in place, and a
    // rotation's old item goes once the new one is in.
    const label = previous?.where ?? this.label(item);
    await this.tool(['store', `--label=${label}`, ...attributes(item, 'current')], value, `store “${label}”`);
    if (previous && previous.item.id !== item.id)
      await this.tool(['clear', ...attributes(previous.item, 'current')], '', `remove the old “${previous.where}”`);
    return label;
  }

  async retire(_where: string, item: TeamItem, value: string | null): Promise<string> {
    if (value === null)
      throw new TokenDeskError('VAULT_LOCKED', 'Unlock the vault: the keyring item is rewritten to mark it retired.');
    const label = this.label(item, ` (retired ${this.context.today})`);
    await this.tool(['store', `--label=${label}`, ...attributes(item, 'retired')], value, `mark “${label}” retired`);
    await this.tool(['clear', ...attributes(item, 'current')], '', `remove the current “${label}”`);
    return label;
  }

  async remove(_where: string, item: TeamItem): Promise<boolean> {
    // Every item of the credential, current and retired.
    await this.tool(['clear', ...identity(item)], '', `delete “${this.label(item)}”`);
    return true;
  }
}
