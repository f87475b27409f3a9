/**
 * A command of the person's choosing (op, bw, vault kv put, pass insert…): run without a shell,
 * placeholders in its arguments filled with the credential's facts, the value on standard input
 * only, stopped at its time limit.
 */
import { TokenDeskError } from '$contract/errors';
import { folderFor, type TeamItem } from './team-item';
import { runTool, toolSaid } from './run-tool';
import type { TeamWriter, WriterContext } from './writer';

export interface CommandSettings {
  program: string;
  args: string[];
}

export function fillPlaceholders(args: readonly string[], item: TeamItem): string[] {
  const path = `${folderFor('InfluxDB/{connection}', item)}/${item.title}`;
  const values: Record<string, string> = {
    '{name}': item.title,
    '{connection}': item.connection,
    '{kind}': item.kind,
    '{id}': item.id,
    '{url}': item.url,
    '{path}': path,
  };
  return args.map((arg) => arg.replace(/\{(name|connection|kind|id|url|path)\}/g, (found) => values[found] ?? found));
}

export class CommandWriter implements TeamWriter {
  constructor(
    private readonly command: CommandSettings,
    private readonly context: WriterContext,
  ) {}

  async put(item: TeamItem, value: string): Promise<string> {
    const args = fillPlaceholders(this.command.args, item);
    const { env, timeoutMs } = this.context;
    const run = await runTool(this.command.program, args, { stdin: value, env, timeoutMs, what: 'Your command' });
    if (run.code !== 0) throw new TokenDeskError('TOOL_FAILED', `Your command failed: ${toolSaid(run)}`);
    return [this.command.program, ...args].join(' ');
  }

  /** A command is only ever given values: it is not run to retire one. */
  async retire(): Promise<null> {
    return null;
  }

  async remove(): Promise<boolean> {
    return false;
  }
}
