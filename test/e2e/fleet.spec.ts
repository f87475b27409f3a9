/**
 * One desk for five instances (OSS 2.9 and 2.7, Cloud, InfluxDB 3 Core and Enterprise): the overview
 * first, its counts checked against the servers and opening the narrowed list; one search across
 * them; "which token is this?" for a readable 2.7 value and a 2.9 value asked of its server, with no
 * trace of the pasted value kept; screenshots at two sizes in both themes, axe clean.
 */
import type { Page } from '@playwright/test';
import { addDays, dayOf } from '$contract/review';
import { startEmulator, type Emulator } from '../emulator/index';
import { filesUnder } from '../support/team-tools';
import type { TestCore } from '../support/test-core';
import { audit } from './audit';
import { expect, test } from './fixtures';
import { shotPath } from './pages';

const modes = ['oss-2.9', 'oss-2.7', 'cloud', 'v3-core', 'v3-enterprise'] as const;
const names: Record<(typeof modes)[number], string> = {
  'oss-2.9': 'Prod OSS',
  'oss-2.7': 'Legacy OSS',
  cloud: 'Cloud EU',
  'v3-core': 'Edge Core',
  'v3-enterprise': 'Metrics Enterprise',
};

async function fleetOf(core: TestCore, app: Page): Promise<Record<(typeof modes)[number], Emulator>> {
  const servers = {} as Record<(typeof modes)[number], Emulator>;
  for (const mode of modes) {
    servers[mode] = await startEmulator({ mode, seed: 'demo' });
    await core.profiles.save({
      name: names[mode],
      url: servers[mode].url,
      token: servers[mode].operatorToken,
      rememberToken: false,
      org: null,
      environment: { label: mode === 'oss-2.9' ? 'production' : '', colour: mode === 'oss-2.9' ? 'red' : 'grey' },
      timeoutMs: 10_000,
      tls: { caFile: null, skipVerify: false },
    });
  }
  await app.reload();
  return servers;
}

const overview = (app: Page) => app.getByRole('region', { name: 'Connections and their counts' });

test.describe('across every connection', () => {
  let servers: Record<(typeof modes)[number], Emulator>;
  test.afterEach(async () => {
    await Promise.all(Object.values(servers ?? {}).map((s) => s.close()));
  });

  test('the overview comes first, counts what the servers hold, and opens the narrowed list', async ({ app, core }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    const table = overview(app);
    for (const mode of modes)
      await expect(table.getByRole('row', { name: new RegExp(names[mode]) })).toContainText('fine');
    await expect(table.getByRole('row', { name: /Legacy OSS/ })).toContainText('OSS 2.7');
    await expect(table.getByRole('row', { name: /Metrics Enterprise/ })).toContainText('3 Enterprise');

    // Expired InfluxDB 3 tokens, as the server holds them.
    const v3 = servers['v3-enterprise'].state.v3;
    const expired = [...v3.tokens.values()].filter((t) => t.expiry !== null && t.expiry < Date.now()).length;
    expect(expired).toBeGreaterThan(0);
    await table.getByRole('button', { name: `${expired} expired on Metrics Enterprise` }).click();
    await expect(app.getByRole('heading', { name: 'Metrics Enterprise', level: 1 })).toBeVisible();
    await expect(app.getByText(`Only expired: ${expired}`)).toBeVisible();
    await expect(app.getByRole('table', { name: 'Tokens' }).getByRole('row')).toHaveCount(expired + 1);
    await app.getByRole('button', { name: 'Show all tokens' }).click();
    await expect(app.getByRole('table', { name: 'Tokens' }).getByRole('row')).toHaveCount(v3.tokens.size + 1);

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Overview' }).click();
    await expect(app.getByRole('list', { name: 'Needs attention, most urgent first' })).toBeVisible();
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const)
      for (const scheme of ['light', 'dark'] as const) {
        await app.setViewportSize({ width, height });
        await app.emulateMedia({ colorScheme: scheme });
        await expect(app.getByRole('img', { name: /credentials with a creation date/ })).toBeVisible();
        await app.screenshot({ path: shotPath(`overview ${width}x${height} ${scheme}`), fullPage: true });
        await audit(app, `overview ${width}x${height} ${scheme}`);
      }
  });

  test('an attention item is dismissed with a reason, kept in the history', async ({ app, core }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    const attention = app.getByRole('list', { name: 'Needs attention, most urgent first' });
    const first = attention.getByRole('listitem').first();
    const items = await attention.getByRole('listitem').count();
    await first.getByRole('button', { name: /^Dismiss:/ }).click();
    await first.getByLabel(/Reason for dismissing/).fill('known, lab server');
    await first.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(attention.getByRole('listitem')).toHaveCount(Math.min(30, items - 1));
    await expect(app.getByText(/Dismissed \(1\)/)).toBeVisible();
    const history = await core.dispatch('token-desk:listHistory', app.url(), undefined);
    expect(JSON.stringify(history)).toContain('known, lab server');
  });

  test('attention items are dealt with where they are: review dates set, a connection checked', async ({
    app,
    core,
  }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    const legacy = core.profiles.list().find((c) => c.name === 'Legacy OSS')!;
    const grafana = servers['oss-2.7'].seed.tokens['grafana']!;
    const today = dayOf(new Date());
    // A review fell due: set on the store, as a date that passed, then read again with Refresh all.
    core.profiles.setReview(legacy.id, grafana.id, addDays(today, -3));
    await app.getByRole('button', { name: 'Refresh all', exact: true }).click();
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    const attention = app.getByRole('list', { name: 'Needs attention, most urgent first' });
    const due = attention.getByRole('listitem').filter({ hasText: '“Grafana read-only” is due for review' });
    await due.getByRole('button', { name: /^Set a review date…/ }).click();
    // Reviewed today: the next review is the policy's days from now (a reader: 90 without a reader policy).
    await expect(due.getByLabel(/^Reviewed: next review of “Grafana read-only” on/)).toHaveValue(addDays(today, 90));
    await due.getByRole('button', { name: 'Set review date', exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Next review of “Grafana read-only”' })).toBeVisible();
    expect(core.profiles.reviewsOf(legacy.id)[grafana.id]).toBe(addDays(today, 90));
    await expect(due).toHaveCount(0);

    // Many at once: the policy's date for each credential without one, in one write.
    const undated = attention.getByRole('listitem').filter({ hasText: /^Legacy OSS\s*\d+ without a review date/ });
    await undated.getByRole('button', { name: /^Set review dates…/ }).click();
    await undated.getByRole('button', { name: /^Apply the policy to \d+ credentials?$/ }).click();
    await expect(app.getByRole('status').filter({ hasText: /by the policy/ })).toBeVisible();
    // The policy (writers 90 days, readers none) dated every active token that writes; readers stay undated.
    const reviews = core.profiles.reviewsOf(legacy.id);
    const state = servers['oss-2.7'].state;
    // Its tokens under their IDs, its v1 credentials beside them under `v1:<id>`.
    const live = [
      ...[...state.authorizations.values()].map((a) => ({ ...a, key: a.id })),
      ...[...state.legacyAuthorizations.values()].map((a) => ({ ...a, key: `v1:${a.id}` })),
    ].filter((a) => a.status === 'active' && !state.deletedUsers.has(a.userID));
    const writes = (a: (typeof live)[number]) => a.permissions.some((p) => p.action === 'write');
    expect(live.filter(writes).filter((a) => !reviews[a.key])).toEqual([]);
    const readers = live.filter((a) => !writes(a) && !reviews[a.key]);
    expect(readers.length).toBeGreaterThan(0);
    await expect(undated).toContainText(`${readers.length} without a review date`);
    // What the policy leaves undated gets one date for all.
    await undated.getByRole('button', { name: /^Set review dates…/ }).click();
    await undated.getByLabel(`Or one date for all ${readers.length}`).fill(addDays(today, 180));
    await undated.getByRole('button', { name: 'Set review date', exact: true }).click();
    await expect(undated).toHaveCount(0);
    const after = core.profiles.reviewsOf(legacy.id);
    expect(readers.map((a) => after[a.key])).toEqual(readers.map(() => addDays(today, 180)));

    // A failing connection is checked from its item, and says what fails now.
    await servers.cloud.close();
    await app.getByRole('button', { name: 'Refresh all', exact: true }).click();
    const failing = attention
      .getByRole('listitem')
      .filter({ hasText: /^Cloud EU/ })
      .first();
    await failing.getByRole('button', { name: /^Check the connection/ }).click();
    await expect(app.getByRole('status').filter({ hasText: /^Cloud EU still fails:/ })).toBeVisible();
    await audit(app, 'attention acting');
    await app.screenshot({ path: shotPath('attention acting'), fullPage: true });
  });

  test('attention opens the action itself: re-issue, retire and rotate, each asked first', async ({ app, core }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    const attention = app.getByRole('list', { name: 'Needs attention, most urgent first' });
    const overviewButton = app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Overview' });

    // A person's write token: the re-issue dialog opens on it, nothing made until confirmed.
    const people = attention
      .getByRole('listitem')
      .filter({ hasText: /^Legacy OSS.*writes and belongs to/ })
      .first();
    const title = (await people.locator('.title').textContent())!;
    const name = title.match(/^“(.+)” writes/)![1]!;
    await people.getByRole('button', { name: /^Re-issue for a service user…/ }).click();
    const reissue = app.getByRole('dialog', { name: `Re-issue “${name}” for a service user` });
    await expect(reissue).toBeVisible();
    const before = servers['oss-2.7'].state.authorizations.size;
    await reissue.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(servers['oss-2.7'].state.authorizations.size).toBe(before);

    // A replaced token past its retire-by day: deactivated after asking, on the server.
    const legacy = core.profiles.list().find((c) => c.name === 'Legacy OSS')!;
    const old = servers['oss-2.7'].seed.tokens['legacyExporter']!;
    core.profiles.setRetirement(legacy.id, old.id, { by: addDays(dayOf(new Date()), -1), replacedBy: 'Exporter v2' });
    await overviewButton.click();
    await app.getByRole('button', { name: 'Refresh all', exact: true }).click();
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    await attention
      .getByRole('listitem')
      .filter({ hasText: '“Legacy exporter” was due to be retired' })
      .getByRole('button', { name: /^Retire…/ })
      .click();
    const confirm = app.getByRole('dialog', { name: 'Deactivate “Legacy exporter”?' });
    await confirm.getByRole('button', { name: /^Deactivate/ }).click();
    await expect.poll(() => servers['oss-2.7'].state.authorizations.get(old.id)?.status).toBe('inactive');

    // An expired InfluxDB 3 token: Rotate asks first, then makes its twin on the server.
    await overviewButton.click();
    const v3 = servers['v3-enterprise'].state.v3;
    const expired = attention
      .getByRole('listitem')
      .filter({ hasText: /^Metrics Enterprise.*has expired/ })
      .first();
    const v3Name = (await expired.locator('.title').textContent())!.match(/^“(.+)” has expired/)![1]!;
    await expired.getByRole('button', { name: /^Rotate…/ }).click();
    const rotate = app.getByRole('dialog', { name: `Rotate “${v3Name}”?` });
    const count = v3.tokens.size;
    expect(v3.tokens.size).toBe(count);
    await rotate.getByRole('button', { name: 'Create the new token', exact: true }).click();
    await expect.poll(() => v3.tokens.size).toBe(count + 1);
  });

  test('one search answers across connections, grouped, and opens the credential there', async ({ app, core }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    await app.keyboard.press('Control+k');
    const search = app.getByRole('dialog', { name: 'Search every connection' });
    await search.getByRole('searchbox').fill('owner:bob');
    const prod = search.getByRole('region', { name: 'Results on Prod OSS' });
    const state = servers['oss-2.9'].state;
    const bob = [...state.users.values()].find((u) => u.name === 'bob')!;
    const bobs = [...state.authorizations.values()].filter((a) => a.userID === bob.id);
    await expect(prod.getByRole('button')).toHaveCount(bobs.length + 1 /* his v1 credential */);
    await expect(search.getByRole('region', { name: 'Results on Edge Core' })).toContainText('Nothing here.');
    await app.screenshot({ path: shotPath('search owner bob'), fullPage: true });
    await audit(app, 'search');
    await search.getByRole('searchbox').fill('Grafana read-only');
    await prod.getByRole('button', { name: /Grafana read-only/ }).click();
    await expect(app.getByRole('dialog', { name: /Grafana read-only/ })).toBeVisible();
  });

  test('which token is this: found locally, then on the ticked server only, and never kept', async ({
    app,
    core,
    received,
  }) => {
    servers = await fleetOf(core, app);
    await expect(app.getByText(/As of just now/)).toBeVisible({ timeout: 15_000 });
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Which token is this?' }).click();
    const readable = servers['oss-2.7'].seed.tokens['grafana']!;
    await app.getByLabel('The token').fill(readable.token);
    await app.getByRole('button', { name: 'Identify' }).click();
    const card = app.getByRole('article', { name: /Grafana read-only on Legacy OSS/ });
    await expect(card).toContainText('the server returned this value in its list');
    await expect(card).toContainText('bob');

    const unknown = 'a-value-nobody-made-0123456789abcdef';
    await app.getByLabel('The token').fill(unknown);
    await app.getByRole('button', { name: 'Identify' }).click();
    await expect(app.getByText('Neither the vault nor the lists Token Desk has read know this value.')).toBeVisible();
    await app.getByRole('checkbox', { name: 'Prod OSS' }).check();
    await app.getByRole('button', { name: 'Ask 1 connection' }).click();
    await expect(app.getByText(/Prod OSS: The server refuses this value/)).toBeVisible();
    await app.screenshot({ path: shotPath('which token unknown'), fullPage: true });
    await audit(app, 'which token');
    expect(servers['cloud'].requests.some((r) => r.line.includes('/api/v2/me'))).toBe(false);

    for (const value of [readable.token, unknown]) {
      expect(received.filter((r) => r.startsWith('token-desk:identifyToken')).some((r) => r.includes(value))).toBe(
        false,
      );
      expect(core.logs.join('\n')).not.toContain(value);
      expect(filesUnder(core.dataDir).filter((f) => f.text.includes(value))).toEqual([]);
    }
  });
});
