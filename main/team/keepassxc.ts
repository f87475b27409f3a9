/**
 * A KeePassXC database, written by keepassxc-cli itself: KeePassXC then owns the file format (KDBX
 * 4, key files, its own entry history), so a team's database is never rewritten by another library.
 * The master password and the value go on standard input, one line each, never on the command line.
 */
import { TokenDeskError } from '$contract/errors';
import { folderFor, segment, type TeamItem } from './team-item';
import { runTool, toolSaid, type ToolRun } from './run-tool';
import type { Previous, TeamWriter, WriterContext } from './writer';

export interface KeepassSettings {
  cli: string;
  file: string;
  keyFile: string | null;
  group: string;
  /** null: the database opens with its key file alone. */
  password: string | null;
}

const exists = /already exists/i;
/** What `add` says both when the entry exists and when its group does not. */
const notCreated = /Could not create entry/i;

export class KeepassWriter implements TeamWriter {
  constructor(
    private readonly db: KeepassSettings,
    private readonly context: WriterContext,
  ) {}

  private fail(run: ToolRun, doing: string): never {
    throw new TokenDeskError('TOOL_FAILED', `KeePassXC could not ${doing}: ${toolSaid(run)}`);
  }

  private async ensureGroup(group: string): Promise<void> {
    const parts = group.split('/');
    for (let i = 1; i <= parts.length; i += 1) {
      const path = parts.slice(0, i).join('/');
      const run = await this.cli('mkdir', path);
      if (run.code !== 0 && !exists.test(run.stderr)) this.fail(run, `make the group “${path}”`);
    }
  }

  /** One keepassxc-cli command on an entry or group path: the password, then `lines`, on standard input. */
  private cli(command: string, path: string, args: string[] = [], lines: string[] = []): Promise<ToolRun> {
    const { db } = this;
    // Not -q: it silences the reason too ("Invalid credentials were provided").
    const open = [...(db.keyFile ? ['-k', db.keyFile] : []), ...(db.password === null ? ['--no-password'] : [])];
    const stdin = [...(db.password === null ? [] : [db.password]), ...lines].map((l) => `${l}\n`).join('');
    return runTool(db.cli, [command, ...open, ...args, db.file, path], {
      stdin,
      timeoutMs: this.context.timeoutMs,
      env: this.context.env,
      what: 'keepassxc-cli',
    });
  }

  private facts(item: TeamItem): string[] {
    return ['-u', item.username, '--url', item.url, '--notes', item.notes];
  }

  async put(item: TeamItem, value: string, previous: Previous | null): Promise<string> {
    if (/[\r\n]/.test(value))
      throw new TokenDeskError('TOOL_FAILED', 'keepassxc-cli cannot take a value with a line break.');
    if (previous) {
      // The same entry under the same title (the team knows it by that path), with the new value:
      // KeePassXC keeps the old one in the entry's history.
      const run = await this.cli('edit', previous.where, ['-p', ...this.facts(item)], [value]);
      if (run.code === 0) return previous.where;
    }
    const group = folderFor(this.db.group, item);
    const inGroup = (title: string) => (group ? `${group}/${title}` : title);
    // Another credential of the same name keeps its entry: this one takes its ID into its title.
    const paths = [inGroup(item.title), inGroup(`${item.title} (${segment(item.id)})`)];
    for (const path of paths) {
      const added = await this.cli('add', path, ['-p', ...this.facts(item)], [value]);
      if (added.code === 0) return path;
      if (!notCreated.test(added.stderr)) this.fail(added, `add “${path}”`);
    }
    // Neither was made: the entry with its ID exists (then it is this credential's), or the group is
    // missing. Groups are made only then: each keepassxc-cli run pays the database's KDF again.
    const [plain, withId] = paths as [string, string];
    if ((await this.cli('edit', withId, ['-p', ...this.facts(item)], [value])).code === 0) return withId;
    if (group) await this.ensureGroup(group);
    const added = await this.cli('add', plain, ['-p', ...this.facts(item)], [value]);
    if (added.code !== 0) this.fail(added, `add “${plain}”`);
    return plain;
  }

  async retire(where: string, item: TeamItem): Promise<string> {
    const title = `${item.title} (retired ${this.context.today})`;
    const notes = `${item.notes}\nRetired on ${this.context.today}: the credential was deleted from the server.`;
    const run = await this.cli('edit', where, ['-t', title, '--notes', notes]);
    if (run.code !== 0) this.fail(run, `mark “${where}” retired`);
    return where.replace(/[^/]*$/, title);
  }

  async remove(where: string): Promise<boolean> {
    // KeePassXC moves it to its Recycle Bin, where the team can still find it.
    const run = await this.cli('rm', where);
    if (run.code !== 0) this.fail(run, `delete “${where}”`);
    return true;
  }
}
