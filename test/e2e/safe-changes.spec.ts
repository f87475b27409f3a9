/**
 * Safe changes as an admin makes them: permission changes as replacements, warnings naming what a
 * change breaks, guards on the keys to the house, review dates, and the history; every outcome
 * checked on the server through the emulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf } from '$contract/review';
import type { Emulator } from '../emulator/index';
import { audit } from './audit';
import { expect, test } from './fixtures';

const bucket = (influx: Emulator, name: string) => [...influx.state.buckets.values()].find((b) => b.name === name)!.id;
const byDescription = (influx: Emulator, d: string) =>
  [...influx.state.authorizations.values()].find((a) => a.description === d)!;

test.describe('safe changes', () => {
  test('changes a token’s permissions: the difference first, then the replacement, then the old one retired', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await tokens.open('Sensors writer');
    await tokens.detail('Sensors writer').getByRole('button', { name: 'Change permissions…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Change the permissions of “Sensors writer”' });
    await expect(dialog.getByRole('checkbox', { name: 'Write sensors' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Write sensors' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Read logs' }).check();
    await dialog.getByRole('button', { name: 'Review the change', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Permissions added' })).toHaveText('Read buckets: logs');
    await expect(dialog.getByRole('list', { name: 'Permissions removed' })).toHaveText('Write buckets: sensors');
    await tokens.shot('change permissions');
    await dialog.getByRole('button', { name: 'Create the replacement', exact: true }).click();
    const reveal = app.getByRole('dialog', { name: 'Permissions changed: copy the new token' });
    await reveal.getByRole('button', { name: 'Deactivate old token', exact: true }).click();
    const old = influx.seed.tokens['sensorsWriter']!;
    const replacement = byDescription(influx, `Sensors writer (replaces ${old.id})`);
    expect(replacement.permissions).toEqual([
      { action: 'read', resource: { type: 'buckets', orgID: influx.seed.orgID, id: bucket(influx, 'logs') } },
    ]);
    expect(replacement.userID).toBe(old.userID);
    expect(influx.state.authorizations.get(old.id)?.status).toBe('inactive');
  });

  test('refuses an escalation before anything is made', async ({ app, influx, connect, tokens }) => {
    await connect({ token: influx.seed.tokens['aliceAllAccess']!.token });
    await tokens.open('Capteur météo 🌡️ – écriture');
    await tokens.detail('Capteur météo 🌡️ – écriture').getByRole('button', { name: 'Change permissions…' }).click();
    const dialog = app.getByRole('dialog', { name: /^Change the permissions of/ });
    await dialog.getByRole('radio', { name: /^Custom/ }).check();
    await dialog.getByRole('checkbox', { name: 'Write all users' }).check();
    const before = influx.state.authorizations.size;
    await dialog.getByRole('button', { name: 'Review the change', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('does not hold write:users');
    expect(influx.state.authorizations.size).toBe(before);
  });

  test('warns before a change breaks what uses a token, listing every token and what uses it', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await tokens.row('Telegraf host-metrics').getByRole('checkbox').check();
    await tokens.row('Grafana read-only').getByRole('checkbox').check();
    await tokens.bulkBar.getByRole('button', { name: 'Deactivate', exact: true }).click();
    const confirm = app.getByRole('dialog', { name: 'Deactivate 2 tokens?' });
    await expect(confirm).toContainText('On Staging (staging)');
    await expect(confirm.getByRole('list', { name: 'Tokens affected' })).toContainText(
      'Telegraf configuration “host-metrics”: its agent fetches its configuration and writes with this token',
    );
    await expect(confirm.getByRole('list', { name: 'Tokens affected' })).toContainText('Grafana read-only');
    await tokens.shot('warning with dependents');
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    // Changing it names the configuration too, before the replacement is made.
    await tokens.bulkBar.getByRole('button', { name: 'Clear selection', exact: true }).click();
    await tokens.row('Telegraf host-metrics').getByRole('checkbox').check();
    await tokens.bulkBar.getByRole('button', { name: 'Change permissions…', exact: true }).click();
    const change = app.getByRole('dialog', { name: 'Change the permissions of “Telegraf host-metrics”' });
    await change.getByRole('button', { name: 'Review the change', exact: true }).click();
    await expect(change.getByRole('note').filter({ hasText: 'Uses the old token' })).toContainText(
      'Telegraf configuration “host-metrics”',
    );
    await change.getByRole('button', { name: 'Cancel', exact: true }).click();
    await tokens.row('Grafana read-only').getByRole('checkbox').check();
    await tokens.bulkBar.getByRole('button', { name: 'Deactivate', exact: true }).click();
    expect(influx.state.authorizations.get(influx.seed.tokens['telegraf']!.id)?.status).toBe('active');
    await confirm.getByRole('button', { name: 'Deactivate 2 tokens', exact: true }).click();
    await expect(app.getByText('2 of 2 done.')).toBeVisible();
    expect(influx.state.authorizations.get(influx.seed.tokens['telegraf']!.id)?.status).toBe('inactive');
    expect(influx.state.authorizations.get(influx.seed.tokens['grafana']!.id)?.status).toBe('inactive');
    // A token nothing is known to use is deactivated at once, as before.
    await tokens.open('Legacy exporter');
    await tokens.act('Legacy exporter', 'Deactivate');
    await expect(tokens.detail('Legacy exporter').getByText('Token “Legacy exporter” deactivated.')).toBeVisible();
    expect(influx.state.authorizations.get(influx.seed.tokens['legacyExporter']!.id)?.status).toBe('inactive');
  });

  test(
    'guards the connection’s own token and the last operator token: the name must be typed, the recovery steps ' +
      'are shown',
    async ({ app, influx, connect, tokens }) => {
      await connect();
      await tokens.open("admin's Token");
      const detail = tokens.detail("admin's Token");
      // 2.9 hashes values, but it is the only active token of admin that could list the others: it is the connection's.
      await expect(detail.getByRole('note').filter({ hasText: 'This connection uses this token' })).toBeVisible();
      await expect(tokens.row("admin's Token")).toContainText('this connection');
      await detail.getByRole('button', { name: 'Delete…', exact: true }).click();
      const confirm = app.getByRole('dialog', { name: "Delete “admin's Token”?" });
      await expect(confirm).toContainText('is the token this connection uses');
      await expect(confirm).toContainText('This is the last active operator token of this InfluxDB');
      await expect(confirm).toContainText('influxd recovery auth create-operator');
      const go = confirm.getByRole('button', { name: 'Delete token', exact: true });
      await expect(go).toBeDisabled();
      await confirm.getByLabel(/type “Staging”/).fill('staging');
      await expect(go).toBeDisabled();
      await expect(confirm.getByRole('button', { name: 'Deactivate instead' })).toBeDisabled();
      await tokens.shot('last operator guard');
      await confirm.getByLabel(/type “Staging”/).fill('Staging');
      await go.click();
      await expect.poll(() => influx.state.authorizations.has(influx.seed.tokens['operator']!.id)).toBe(false);
    },
  );

  test('asks before a change when what uses a token could not be read, and says why', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    influx.faults.add({ path: '/api/v2/telegrafs', fault: { kind: 'status', status: 500 } });
    await connect();
    await tokens.open('Legacy exporter');
    const detail = tokens.detail('Legacy exporter');
    await expect(detail).toContainText('Could not check what uses this token: Telegraf configurations of ops:');
    await tokens.act('Legacy exporter', 'Deactivate');
    // Nothing is known to use it, but nothing could be checked: asked, not done at once.
    const confirm = app.getByRole('dialog', { name: 'Deactivate “Legacy exporter”?' });
    await expect(confirm.getByRole('note').filter({ hasText: 'Could not check what uses this token' })).toBeVisible();
    const id = [...influx.state.authorizations.values()].find((a) => a.description === 'Legacy exporter')!.id;
    expect(influx.state.authorizations.get(id)?.status).toBe('active');
    await tokens.shot('blind guard asks');
    await confirm.getByRole('button', { name: 'Deactivate token', exact: true }).click();
    await expect.poll(() => influx.state.authorizations.get(id)?.status).toBe('inactive');
  });

  test('deleting the last operator token can deactivate it instead, which can be undone', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await tokens.open("admin's Token");
    await tokens.detail("admin's Token").getByRole('button', { name: 'Delete…', exact: true }).click();
    // One dialog at a time: the detail steps aside while its guard asks.
    await expect(app.getByRole('dialog')).toHaveCount(1);
    const confirm = app.getByRole('dialog', { name: "Delete “admin's Token”?" });
    await confirm.getByLabel(/type “Staging”/).fill('Staging');
    await confirm.getByRole('button', { name: 'Deactivate instead' }).click();
    const id = influx.seed.tokens['operator']!.id;
    await expect.poll(() => influx.state.authorizations.get(id)?.status).toBe('inactive');
    expect(influx.state.authorizations.has(id)).toBe(true);
  });

  test(
    'an all-access token pasted on OSS 2.9 is known as the connection’s own: deactivating it asks, the sidebar ' +
      'follows at once, and the refusal says why and how to reconnect',
    async ({ app, influx, connect, tokens }) => {
      const own = influx.seed.tokens['aliceAllAccess']!;
      await connect({ token: own.token });
      await tokens.open("alice's all-access token");
      await tokens.act("alice's all-access token", 'Deactivate');
      const confirm = app.getByRole('dialog', { name: "Deactivate “alice's all-access token”?" });
      await expect(confirm).toContainText('is the token this connection uses');
      expect(influx.state.authorizations.get(own.id)?.status).toBe('active');
      await confirm.getByRole('button', { name: 'Deactivate token', exact: true }).click();
      await expect.poll(() => influx.state.authorizations.get(own.id)?.status).toBe('inactive');
      await expect(tokens.status('Problem', /^Staging/)).toBeVisible();
      const alert = app.getByRole('alert');
      await expect(alert).toContainText('This token has been deactivated in InfluxDB.');
      await expect(alert).toContainText(
        "“alice's all-access token” was just deactivated, and was most likely the token Staging logs in with.",
      );
      await expect(alert).toContainText(`influx auth active --id ${own.id}`);
      await tokens.shot('own token deactivated');
    },
  );

  test('with two tokens that could be the connection’s own, asks once which it is and guards both until told', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    const operator = influx.seed.tokens['operator']!;
    const second = influx.state.addAuthorization({
      orgID: operator.orgID,
      userID: operator.userID,
      permissions: operator.permissions,
      description: 'Second operator',
    });
    await connect();
    const question = app.getByRole('region', { name: /Which of these is the token you pasted for Staging\?/ });
    await expect(question).toBeVisible();
    await tokens.shot('which token is the connection’s');
    // Until told, the other one is guarded as if it were the connection's own.
    await tokens.open('Second operator');
    await tokens.act('Second operator', 'Deactivate');
    const confirm = app.getByRole('dialog', { name: 'Deactivate “Second operator”?' });
    await expect(confirm).toContainText('“Second operator” may be the token this connection uses');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await tokens.detail('Second operator').getByRole('button', { name: 'Close' }).click();

    await question.getByRole('combobox', { name: 'The token this connection uses' }).selectOption("admin's Token");
    await question.getByRole('button', { name: 'This is the one' }).click();
    await expect(app.getByText("“admin's Token” is marked as the token Staging uses.")).toBeVisible();
    await expect(question).toHaveCount(0);
    await expect(tokens.row("admin's Token")).toContainText('this connection');
    // Now known: the other is deactivated at once, with nothing to ask.
    await tokens.open('Second operator');
    await tokens.act('Second operator', 'Deactivate');
    await expect.poll(() => influx.state.authorizations.get(second.id)?.status).toBe('inactive');
    await expect(app.getByRole('dialog', { name: /Deactivate “Second operator”/ })).toHaveCount(0);
  });

  test('“I don’t know” is remembered: the question is asked once', async ({ app, influx, connect }) => {
    const operator = influx.seed.tokens['operator']!;
    influx.state.addAuthorization({
      orgID: operator.orgID,
      userID: operator.userID,
      permissions: operator.permissions,
      description: 'Second operator',
    });
    await connect();
    const question = app.getByRole('region', { name: /Which of these is the token you pasted/ });
    await question.getByRole('button', { name: 'I don’t know' }).click();
    await expect(question).toHaveCount(0);
    await app.reload();
    await expect(app.getByRole('table', { name: 'Tokens' })).toBeVisible();
    await expect(question).toHaveCount(0);
  });

  test('asks for the name on a connection labelled production', async ({ app, core, influx, connect, tokens }) => {
    const { id } = await connect();
    await core.profiles.save({
      id,
      name: 'Staging',
      url: influx.url,
      rememberToken: false,
      org: null,
      environment: { label: 'production', colour: 'red' },
      timeoutMs: 10_000,
      tls: { caFile: null, skipVerify: false },
    });
    await app.reload();
    await tokens.open('Old CI token');
    await tokens.detail('Old CI token').getByRole('button', { name: 'Delete…', exact: true }).click();
    const confirm = app.getByRole('dialog', { name: 'Delete “Old CI token”?' });
    await expect(confirm).toContainText('On Staging (production)');
    await expect(confirm.getByRole('button', { name: 'Delete token', exact: true })).toBeDisabled();
    await confirm.getByLabel(/production connection/).fill('Staging');
    await confirm.getByRole('button', { name: 'Delete token', exact: true }).click();
    await expect.poll(() => influx.state.authorizations.has(influx.seed.tokens['oldCi']!.id)).toBe(false);
  });

  test(
    'keeps review dates: a default from the policy, a date set later, due tokens filtered and counted; nothing ' +
      'deactivated',
    async ({ app, core, influx, connect, tokens }) => {
      const { id } = await connect();
      const dialog = await tokens.startGenerate();
      await dialog.getByRole('checkbox', { name: 'Write sensors' }).check();
      const in90 = new Date();
      in90.setDate(in90.getDate() + 90);
      await expect(dialog.getByLabel('Review by')).toHaveValue(dayOf(in90));
      await dialog.getByLabel('Description').fill('Reviewed writer');
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      await tokens.revealDialog.getByRole('button', { name: 'Done', exact: true }).click();
      expect(Object.values(core.profiles.reviewsOf(id))).toEqual([dayOf(in90)]);

      await tokens.open('Grafana read-only');
      await tokens.detail('Grafana read-only').getByLabel('Review by').fill('2026-01-01');
      await tokens.detail('Grafana read-only').getByRole('button', { name: 'Save review date', exact: true }).click();
      await expect(tokens.detail('Grafana read-only')).toContainText('Review due');
      await tokens.detail('Grafana read-only').getByRole('button', { name: 'Close', exact: true }).click();
      await expect(tokens.row('Grafana read-only').locator('.badge-due')).toHaveText('due');
      await expect(tokens.status('1 due for review')).toBeVisible();
      await app.getByRole('combobox', { name: /^Review/ }).selectOption('due');
      await tokens.expectCount('1', '13');
      await tokens.shot('due for review');
      expect(influx.state.authorizations.get(influx.seed.tokens['grafana']!.id)?.status).toBe('active');

      await app.getByRole('tab', { name: 'Connection' }).click();
      const policy = app.getByRole('region', { name: 'Review policy' });
      await policy.getByLabel(/Tokens that write/).fill('30');
      await policy.getByRole('button', { name: 'Save policy', exact: true }).click();
      await expect(policy.getByRole('status')).toContainText('Policy saved');
      expect(core.profiles.list().find((c) => c.id === id)?.reviewPolicy).toEqual({ writeDays: 30, otherDays: null });
    },
  );

  test('gives tokens made before Token Desk review dates: the policy at once, a date for a selection, "Reviewed"', async ({
    app,
    core,
    influx,
    connect,
    tokens,
  }) => {
    const { id } = await connect();
    const today = dayOf(new Date());
    const plusDays = (day: string, days: number) => {
      const at = new Date(`${day}T12:00:00`);
      at.setDate(at.getDate() + days);
      return dayOf(at);
    };
    // The default policy: 90 days from creation for tokens that write, none for readers; older ones due today.
    const writers = [...influx.state.authorizations.values()].filter((a) =>
      a.permissions.some((p) => p.action === 'write'),
    );
    const expected = Object.fromEntries(
      writers.map((a) => {
        const due = plusDays(dayOf(new Date(a.createdAt)), 90);
        return [a.id, due < today ? today : due];
      }),
    );
    const offer = app.getByRole('region', { name: 'Tokens without a review date' });
    await expect(offer).toContainText(`${writers.length} tokens have no review date`);
    await tokens.shot('review offer');
    await offer
      .getByRole('button', { name: `Apply the policy to the ${writers.length} tokens without a date`, exact: true })
      .click();
    await expect(app.getByText(`Review dates set on ${writers.length} tokens`)).toBeVisible();
    expect(core.profiles.reviewsOf(id)).toEqual(expected);
    await expect(offer).toHaveCount(0);
    // Every seeded writer is older than 90 days: each is due, shown as a warning, counted in the sidebar.
    await expect(tokens.status(`${writers.length} due for review`)).toBeVisible();
    const badge = tokens.row('Sensors writer').locator('.badge-due');
    await expect(badge).toHaveText('due');
    const [badgeColour, connectedColour] = await Promise.all([
      badge.evaluate((el) => getComputedStyle(el).backgroundColor),
      tokens.status('Connected').evaluate((el) => getComputedStyle(el).color),
    ]);
    expect(badgeColour).not.toBe('rgba(0, 0, 0, 0)');
    expect(badgeColour).not.toBe(connectedColour);

    const review = app.getByRole('combobox', { name: /^Review/ });
    await review.selectOption('none');
    const undated = 12 - writers.length; // of the seed's 12 tokens
    await tokens.expectCount(undated, 12);
    await review.selectOption('soon');
    await tokens.expectCount(writers.length, 12);
    await review.selectOption('any');
    // Sorted by review, soonest first: dated tokens before the undated whichever way.
    await tokens.table.getByRole('button', { name: /^Age · review/ }).click();
    await expect(tokens.table.getByRole('columnheader', { name: /Age · review/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect(tokens.table.getByRole('row').nth(1)).toContainText('due');
    await expect(tokens.table.getByRole('row').last()).not.toContainText('due');

    // A date for a selection, in one save.
    await review.selectOption('none');
    const readers = tokens.table
      .getByRole('row')
      .filter({ has: app.getByRole('checkbox', { name: /^Select (?!all)/ }) });
    await readers.nth(0).getByRole('checkbox').check();
    await readers.nth(1).getByRole('checkbox').check();
    await tokens.bulkBar.getByRole('button', { name: 'Set review date…', exact: true }).click();
    const form = tokens.bulkBar.getByRole('form', { name: 'Review date for the selection' });
    await form.getByLabel('Review by').fill('2027-03-01');
    await form.getByRole('button', { name: 'Set for the 2', exact: true }).click();
    await expect(app.getByText('Review date Mar 1, 2027 set on 2 credentials.')).toBeVisible();
    const dated = Object.entries(core.profiles.reviewsOf(id)).filter(([, day]) => day === '2027-03-01');
    expect(dated).toHaveLength(2);
    await tokens.expectCount(undated - 2, 12);

    // Reviewed today: the next review is the policy's 90 days away.
    await review.selectOption('any');
    await tokens.open('Sensors writer');
    const detail = tokens.detail('Sensors writer');
    await detail.getByRole('button', { name: 'Reviewed: next review in 90 days', exact: true }).click();
    await expect(detail).toContainText('Review in 90 days.');
    const writer = writers.find((a) => a.description === 'Sensors writer')!;
    expect(core.profiles.reviewsOf(id)[writer.id]).toBe(plusDays(today, 90));
  });

  test('keeps a history of every change, searchable and exportable, with no secret in it', async ({
    app,
    core,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    const value = await tokens.generate({ read: ['sensors'], description: 'Journalled' });
    await tokens.open('Journalled');
    await tokens.detail('Journalled').getByRole('button', { name: 'Delete…', exact: true }).click();
    await app
      .getByRole('dialog', { name: 'Delete “Journalled”?' })
      .getByRole('button', { name: 'Delete token', exact: true })
      .click();
    await expect(tokens.table.getByRole('button', { name: 'Journalled', exact: true })).toHaveCount(0);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
    const table = app.getByRole('table', { name: 'History' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row').nth(1)).toContainText('Token deleted');
    await expect(table.getByRole('row').nth(1)).toContainText('Journalled');
    await expect(table.getByRole('row').nth(2)).toContainText('Token created');
    await app.getByRole('searchbox', { name: 'Search the history' }).fill('deleted');
    await expect(table.getByRole('row')).toHaveCount(2);
    await tokens.shot('history');
    core.dialogs.answers.save['export-history-csv'] = join(core.dataDir, 'history.csv');
    await app.getByRole('button', { name: 'Export CSV…', exact: true }).click();
    await expect(app.getByText(/Exported 2 entries to/)).toBeVisible();
    expect(readFileSync(join(core.dataDir, 'history.csv'), 'utf8')).toContain('token.delete');
    const journal = readdirSync(join(core.dataDir, 'history'))
      .map((f) => readFileSync(join(core.dataDir, 'history', f), 'utf8'))
      .join('');
    expect(journal).toContain('Journalled');
    expect(journal).not.toContain(value);
    expect(journal).not.toContain(influx.operatorToken);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe in the ${scheme} theme: the change, the guard, the history`, async ({ app, connect, tokens }) => {
      test.setTimeout(90_000);
      await app.emulateMedia({ colorScheme: scheme });
      await connect();
      await tokens.open('Sensors writer');
      await tokens.detail('Sensors writer').getByRole('button', { name: 'Change permissions…' }).click();
      const dialog = app.getByRole('dialog', { name: 'Change the permissions of “Sensors writer”' });
      await dialog.getByRole('checkbox', { name: 'Read logs' }).check();
      await dialog.getByRole('button', { name: 'Review the change', exact: true }).click();
      await expect(dialog.getByRole('list', { name: 'Permissions added' })).toBeVisible();
      await audit(app, 'change permissions');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await tokens.row('Telegraf host-metrics').getByRole('checkbox').check();
      await tokens.bulkBar.getByRole('button', { name: 'Delete…', exact: true }).click();
      await expect(app.getByRole('dialog', { name: 'Delete “Telegraf host-metrics”?' })).toBeVisible();
      await audit(app, 'guarded confirm');
      await app.getByRole('button', { name: 'Cancel', exact: true }).click();
      await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
      await audit(app, 'history');
    });
  }
});

test.describe('safe changes on Cloud', () => {
  test.use({ influxMode: 'cloud' });

  test('names the task that runs with a token before it is deactivated', async ({ app, influx, connect, tokens }) => {
    await connect();
    await tokens.open('Task runner');
    await expect(tokens.detail('Task runner')).toContainText('Task “downsample-hourly” runs with this token');
    await tokens.act('Task runner', 'Deactivate');
    const confirm = app.getByRole('dialog', { name: 'Deactivate “Task runner”?' });
    await expect(confirm).toContainText('Task “downsample-hourly” runs with this token: its runs fail.');
    await confirm.getByRole('button', { name: 'Deactivate token', exact: true }).click();
    await expect
      .poll(() => influx.state.authorizations.get(influx.seed.tokens['taskRunner']!.id)?.status)
      .toBe('inactive');
  });
});
