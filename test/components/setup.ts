/**
 * Components run against a stand-in `window.tokenDesk` built by the preload's own builder; each
 * test says what main answers (`answer`) and reads what was called (`calls`).
 */
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import type { Envelope } from '$contract/errors';
import { buildTokenDeskApi } from '../../preload/api';
import { bridge } from './bridge';

window.tokenDesk = buildTokenDeskApi(
  async (channel, args) => {
    const name = channel.replace(/^token-desk:/, '');
    bridge.calls.push({ name, args });
    const answer = bridge.answers.get(name);
    return (
      typeof answer === 'function' ? await answer(args) : (answer ?? { ok: true, value: null })
    ) as Envelope<unknown>;
  },
  () => () => undefined,
);

afterEach(() => {
  cleanup();
  bridge.calls.length = 0;
  bridge.answers.clear();
});
