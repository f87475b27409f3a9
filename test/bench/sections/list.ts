/**
 * Listing 10,000 tokens through the handler table with the answer's crossing to the page (serialised,
 * as the bridge and IPC do), against fetch + JSON.parse + one serialisation of the server's body; the
 * heap after five listings (the last one held, as the page holds it) against the parsed body held once.
 */
import { channelOf } from '$contract/channels';
import { startEmulator } from '../../emulator/index';
import { APP, connect, settledHeap, timedEach, type Row } from '../measure';

export async function list(): Promise<Row[]> {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:10000' });
  try {
    const { core, call, id } = await connect(influx);
    const body = async () =>
      JSON.parse(
        await (
          await fetch(`${influx.url}/api/v2/authorizations`, {
            headers: { Authorization: `Token ${influx.operatorToken}` },
          })
        ).text(),
      ) as unknown;
    const floorWork = async () => JSON.stringify(await body()).length;
    const crossing = async () =>
      JSON.stringify(await core.dispatch(channelOf('listTokens'), APP, { connectionId: id })).length;
    await floorWork();
    await crossing();
    const [floor, measured] = await timedEach(7, [floorWork, crossing]);

    let held: unknown = null;
    let base = await settledHeap();
    held = await body();
    const bodyHeap = (await settledHeap()) - base;
    held = null;
    base = await settledHeap();
    for (let i = 0; i < 5; i += 1) held = await call('listTokens', { connectionId: id });
    const listHeap = (await settledHeap()) - base;
    if (held === null) throw new Error('nothing listed');
    return [
      {
        figure: 'listTokens, 10,000 tokens, with the crossing to the page',
        measured,
        floor,
        unit: 'ms',
        goal: '≤ 1.3× (floor: fetch + JSON.parse + one serialisation of the body)',
        limit: 1.3,
      },
      {
        figure: 'heap after listing 10,000 tokens five times',
        measured: listHeap / 1024 / 1024,
        floor: bodyHeap / 1024 / 1024,
        unit: 'MiB',
        goal: '≤ 1.5× (floor: the parsed body held once)',
        limit: 1.5,
      },
    ];
  } finally {
    await influx.close();
  }
}
