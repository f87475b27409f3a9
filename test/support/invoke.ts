/** Calling the real dispatch as the app page would, recording everything that crossed the bridge. */
import type { Envelope } from '$contract/errors';
import { channelOf, type ArgsOf, type CallName, type ResultOf } from '$contract/ipc';
import type { TestCore } from './test-core';

const APP = 'app://token-desk/index.html';

export interface Bridge {
  invoke<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<ResultOf<K>>;
  failure<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<{ code: string; message: string }>;
  /** Every envelope sent to the renderer, as JSON. */
  crossed: string[];
  /** The same envelopes, with the call that answered each. */
  answers: { name: CallName; json: string }[];
}

export function bridgeTo(core: TestCore, crossed: string[] = []): Bridge {
  const answers: Bridge['answers'] = [];
  const send = async (name: CallName, args: unknown) => {
    const envelope = (await core.dispatch(channelOf(name), APP, args)) as Envelope<unknown>;
    const json = JSON.stringify(envelope);
    crossed.push(json);
    answers.push({ name, json });
    return envelope;
  };
  return {
    crossed,
    answers,
    async invoke(name, args) {
      const envelope = await send(name, args);
      if (!envelope.ok)
        throw Object.assign(new Error(`${name}: ${envelope.error.message}`), { code: envelope.error.code });
      return envelope.value as ResultOf<typeof name>;
    },
    async failure(name, args) {
      const envelope = await send(name, args);
      if (envelope.ok) throw new Error(`${name} succeeded, but a failure was expected`);
      return envelope.error;
    },
  };
}
