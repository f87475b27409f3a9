/**
 * The team history in the page: set it up on a connection, see the records reach the server (read in
 * the emulator's own storage), another desk's records beside this desk's in the Team view, filtered
 * by desk; the screen in both themes passes axe.
 */
import { channelOf, type ResultOf } from '$contract/ipc';
import type { Envelope } from '$contract/errors';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';
import { audit } from './audit';
import { expect, test } from './fixtures';

test.describe('the team history', () => {
  test('is set up on a connection, ships every record, and shows every desk’s', async ({
    app,
    core,
    influx,
    connect,
    tokens,
    rendererUrl,
  }) => {
    await connect();
    await tokens.generate({ read: ['sensors'], description: 'Before the team' });
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
    const setup = app.getByRole('form', { name: 'Set up the team history' });
    await setup.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Staging' });
    await setup.getByRole('button', { name: 'Set up the team history' }).click();
    await expect(app.getByText(/This desk’s records go to token_desk_history on Staging/)).toBeVisible();
    await expect(app.getByRole('status').filter({ hasText: 'Nothing waits.' })).toBeVisible({ timeout: 10_000 });

    // On the server: the bucket, and one point per record of this desk's journal.
    const bucket = [...influx.state.buckets.values()].find((b) => b.name === 'token_desk_history');
    expect(bucket).toBeDefined();
    // Asked of main as the page asks it (this core answers only its page).
    const answer = (await core.dispatch(channelOf('listHistory'), `${rendererUrl}/index.html`, undefined)) as Envelope<
      ResultOf<'listHistory'>
    >;
    if (!answer.ok) throw new Error(answer.error.message);
    const local = answer.value.entries;
    expect(influx.state.pointsOf(bucket!.id).size).toBe(local.length);

    // Another admin's desk, with a data folder of its own, writes to the same bucket.
    const other = createTestCore({ allowedOrigins: ['app://token-desk'] });
    try {
      const bob = bridgeTo(other);
      await bob.invoke('setDeskName', { name: 'bob@ops-laptop' });
      const saved = await bob.invoke('saveConnection', {
        name: 'Bob’s staging',
        url: influx.url,
        token: influx.operatorToken,
        rememberToken: true,
        org: null,
        environment: { label: '', colour: 'grey' },
        timeoutMs: 5000,
        tls: { caFile: null, skipVerify: false },
      });
      await bob.invoke('setUpTeamHistory', { connectionId: saved.id, database: 'token_desk_history', orgID: null });
      await bob.invoke('shipTeamHistory');
    } finally {
      await other.dispose();
    }

    await app.getByRole('radio', { name: 'Team' }).check();
    const table = app.getByRole('table', { name: 'History' });
    await expect(table.getByRole('columnheader', { name: 'Desk' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'bob@ops-laptop' })).toHaveCount(1);
    const desk = app.getByRole('combobox', { name: 'Desk' });
    await desk.selectOption('bob@ops-laptop');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('Team history set up');
    await desk.selectOption('');
    await expect(table.getByRole('row')).toHaveCount(local.length + 2);
    await tokens.shot('team history');
    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      await audit(app, `team history ${scheme}`);
    }
  });
});
