/**
 * Page objects: how a person finds things on each screen, written once. A label that changes is
 * changed here, not in every spec.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export const shotPath = (name: string) => `test-results/screenshots/${name}.png`;

export class AppPage {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  /** The sidebar's status word ("Connected", "Problem"…), of one connection when named. */
  status(text: string, connection?: RegExp | string): Locator {
    const within = connection
      ? this.nav.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: connection }) })
      : this.nav;
    return within.getByText(text, { exact: true });
  }

  selectConnection(name: RegExp | string): Promise<void> {
    return this.nav.getByRole('button', { name }).click();
  }

  shot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: shotPath(name) });
  }
}

export interface GenerateOptions {
  /** The kind's radio label; Read/Write when omitted. */
  kind?: string;
  read?: string[];
  write?: string[];
  description?: string;
}

export class TokensPage extends AppPage {
  get table(): Locator {
    return this.page.getByRole('table', { name: 'Tokens' });
  }

  get searchbox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search tokens' });
  }

  get bulkBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Selected tokens' });
  }

  get generateDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Generate an API token' });
  }

  get revealDialog(): Locator {
    return this.page.getByRole('dialog', {
      name: /^(Copy your new API token|Token rotated: copy the new value|Permissions changed: copy the new token)$/,
    });
  }

  /** A row of the table, found by its description's link. */
  row(description: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: description, exact: true }) });
  }

  /** Opens a token's detail from its description. */
  open(description: string): Promise<void> {
    return this.table.getByRole('button', { name: description, exact: true }).click();
  }

  detail(description: string): Locator {
    return this.page.getByRole('dialog', { name: description });
  }

  /** One of the detail's less used actions, from its "More actions" menu (Deactivate, Clone…). */
  async act(description: string, action: string): Promise<void> {
    const detail = this.detail(description);
    await detail.getByRole('button', { name: 'More actions' }).click();
    await detail.getByRole('menuitem', { name: action, exact: true }).click();
  }

  refresh(): Promise<void> {
    return this.page.getByRole('button', { name: 'Refresh', exact: true }).click();
  }

  /** Opens the Generate dialog, on the kind asked for. */
  async startGenerate(kind?: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Generate token…', exact: true }).click();
    if (kind) await this.generateDialog.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    return this.generateDialog;
  }

  /** Generates a token and closes the reveal; answers the value that was shown once. */
  async generate(options: GenerateOptions = {}): Promise<string> {
    const dialog = await this.startGenerate(options.kind);
    for (const bucket of options.read ?? []) await dialog.getByRole('checkbox', { name: `Read ${bucket}` }).check();
    for (const bucket of options.write ?? []) await dialog.getByRole('checkbox', { name: `Write ${bucket}` }).check();
    if (options.description !== undefined) await dialog.getByLabel('Description').fill(options.description);
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const value = await this.revealDialog.getByLabel(/^Token value for/).inputValue();
    await this.revealDialog.getByRole('button', { name: 'Done', exact: true }).click();
    return value;
  }

  async expectCount(shown: number | string, total: number | string): Promise<void> {
    await expect(this.page.getByText(`Showing ${shown} of ${total} tokens`)).toBeVisible();
  }

  override shot(name: string): Promise<Buffer> {
    return super.shot(`tokens - ${name}`);
  }
}

export class VaultPage extends AppPage {
  get entries(): Locator {
    return this.page.getByRole('list', { name: 'Vault entries' });
  }

  entry(description: string): Locator {
    return this.entries.getByRole('listitem', { name: description });
  }

  open(): Promise<void> {
    return this.nav.getByRole('button', { name: 'Vault', exact: true }).click();
  }

  override shot(name: string): Promise<Buffer> {
    return super.shot(`vault - ${name}`);
  }
}

export class V1Page extends AppPage {
  get table(): Locator {
    return this.page.getByRole('table', { name: 'v1 credentials' });
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Create a v1 credential' });
  }

  /** The dialog that shows a password once. */
  get reveal(): Locator {
    return this.page.getByRole('dialog', { name: /^Copy the (new password|password of the new credential)$/ });
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name: username, exact: true }) });
  }

  detail(username: string): Locator {
    return this.page.getByRole('dialog', { name: username, exact: true });
  }

  async openTab(): Promise<void> {
    await this.page.getByRole('tab', { name: 'v1 credentials' }).click();
  }

  async open(username: string): Promise<Locator> {
    await this.table.getByRole('button', { name: username, exact: true }).click();
    return this.detail(username);
  }

  /** The password the reveal shows, then Done. */
  async takePassword(): Promise<string> {
    const value = await this.reveal.getByLabel(/^Password for/).inputValue();
    await this.reveal.getByRole('button', { name: 'Done', exact: true }).click();
    return value;
  }

  override shot(name: string): Promise<Buffer> {
    return super.shot(`v1 - ${name}`);
  }
}

export class Influx1Page extends AppPage {
  get table(): Locator {
    return this.page.getByRole('table', { name: 'InfluxDB 1.x users' });
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Create an InfluxDB 1\.x user on / });
  }

  /** The dialog that shows a password once. */
  get reveal(): Locator {
    return this.page.getByRole('dialog', { name: /copy (its password|it)$/ });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  detail(name: string): Locator {
    return this.page.getByRole('dialog', {
      name: new RegExp(`^User “${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” on `),
    });
  }

  async open(name: string): Promise<Locator> {
    await this.table.getByRole('button', { name, exact: true }).click();
    return this.detail(name);
  }

  /** The password the reveal shows, then Done. */
  async takePassword(): Promise<string> {
    const value = await this.reveal.getByLabel(/^Password for/).inputValue();
    await this.reveal.getByRole('button', { name: 'Done', exact: true }).click();
    return value;
  }

  override shot(name: string): Promise<Buffer> {
    return super.shot(`influx1 - ${name}`);
  }
}

export class TeamPage extends AppPage {
  open(): Promise<void> {
    return this.nav.getByRole('button', { name: 'Team vaults', exact: true }).click();
  }

  get form(): Locator {
    return this.page.getByRole('dialog', { name: /^(Add a team vault|Edit “.*”)$/ });
  }

  /** Adds a team vault: the kind's radio, its fields by label, the connections ticked. */
  async add(kind: RegExp, fields: Record<string, string>, connections: string[] = ['Staging']): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a team vault…', exact: true }).click();
    await this.form.getByRole('radio', { name: kind }).check();
    for (const [label, value] of Object.entries(fields)) await this.form.getByLabel(label, { exact: true }).fill(value);
    for (const name of connections) await this.form.getByRole('checkbox', { name, exact: true }).check();
    await this.form.getByRole('button', { name: 'Add team vault', exact: true }).click();
    await expect(this.form).toHaveCount(0);
  }

  /** What a list of team copies says (the reveal's, or a vault entry's). */
  copies(within: Locator): Locator {
    return within.getByRole('list', { name: /^Team vaults of / });
  }

  override shot(name: string): Promise<Buffer> {
    return super.shot(`team vaults - ${name}`);
  }
}
