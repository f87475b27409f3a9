/**
 * The standard Unix password store: `pass insert -m -f`, the value on the first line and the facts
 * below it, all on standard input; `pass git push` afterwards when the person shares the store that
 * way. pass encrypts to the store's GPG keys itself.
 */
import { TokenDeskError } from '$contract/errors';
import { folderFor, type TeamItem } from './team-item';
import { runTool, toolSaid } from './run-tool';
import type { Previous, TeamWriter, WriterContext } from './writer';

export interface PassSettings {
  storeDir: string | null;
  folder: string;
  gitPush: boolean;
}

export class PassWriter implements TeamWriter {
  constructor(
    private readonly store: PassSettings,
    private readonly context: WriterContext,
  ) {}

  private async pass(args: string[], stdin: string, doing: string): Promise<void> {
    const env = { ...this.context.env, ...(this.store.storeDir ? { PASSWORD_STORE_DIR: this.store.storeDir } : {}) };
    const run = await runTool('pass', args, { stdin, env, timeoutMs: this.context.timeoutMs, what: 'pass' });
    // `pass git` answers 0 whatever git did (its temp-dir trap drops git's status): git's own words tell.
    const gitRefused = args[0] === 'git' && /^(fatal|error):|\[rejected\]/m.test(run.stderr);
    if (run.code !== 0 || gitRefused)
      throw new TokenDeskError('TOOL_FAILED', `pass could not ${doing}: ${toolSaid(run)}`);
  }

  /** Shares the change with the team, where the person asked for it; a refused push says so. */
  private async push(path: string): Promise<void> {
    if (!this.store.gitPush) return;
    await this.pass(['git', 'push'], '', `push “${path}” (it is in the local store; push it by hand or Retry)`);
  }

  async put(item: TeamItem, value: string, previous: Previous | null): Promise<string> {
    if (/[\r\n]/.test(value))
      throw new TokenDeskError('TOOL_FAILED', 'pass keeps the value on one line: this one has a line break.');
    const folder = folderFor(this.store.folder, item);
    const path = previous?.where ?? (folder ? `${folder}/${item.title}` : item.title);
    const body = [value, `login: ${item.username}`, `url: ${item.url}`, ...item.notes.split('\n')].join('\n');
    await this.pass(['insert', '-m', '-f', path], `${body}\n`, `write “${path}”`);
    await this.push(path);
    return path;
  }

  async retire(where: string): Promise<string> {
    const to = where.replace(/([^/]*)$/, `retired/$1 (${this.context.today})`);
    await this.pass(['mv', '-f', where, to], '', `move “${where}” to “${to}”`);
    await this.push(to);
    return to;
  }

  async remove(where: string): Promise<boolean> {
    await this.pass(['rm', '-f', where], '', `delete “${where}”`);
    await this.push(where);
    return true;
  }
}
