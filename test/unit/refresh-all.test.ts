/** "Refresh all": every server at once, never more than six lists of one server at a time. */
import { describe, expect, it } from 'vitest';
import { FLEET_PARALLEL, refreshAll, serverOfUrl } from '$contract/bounded';

describe('refreshAll', () => {
  it('lists every server at once and at most six connections of one server at a time', async () => {
    const servers = new Map<string, string>([
      ...Array.from({ length: 10 }, (_, i) => [`a${i}`, 'https://a.example:8086'] as const),
      ...Array.from({ length: 4 }, (_, i) => [`b${i}`, 'https://b.example'] as const),
      ...Array.from({ length: 30 }, (_, i) => [`solo${i}`, `http://127.0.0.1:${9000 + i}`] as const),
    ]);
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    let atOnce = 0;
    let mostAtOnce = 0;
    const listed: string[] = [];
    await refreshAll(
      [...servers.keys()],
      (id) => servers.get(id) ?? id,
      async (id) => {
        const server = servers.get(id) ?? id;
        running.set(server, (running.get(server) ?? 0) + 1);
        most.set(server, Math.max(most.get(server) ?? 0, running.get(server) ?? 0));
        mostAtOnce = Math.max(mostAtOnce, (atOnce += 1));
        await new Promise((resolve) => setTimeout(resolve, 5));
        running.set(server, (running.get(server) ?? 1) - 1);
        atOnce -= 1;
        listed.push(id);
      },
    );
    expect(listed.sort()).toEqual([...servers.keys()].sort());
    expect(most.get('https://a.example:8086')).toBe(FLEET_PARALLEL);
    expect(most.get('https://b.example')).toBe(4);
    // Thirty servers of one connection each, six of a, four of b: all at once.
    expect(mostAtOnce).toBe(30 + FLEET_PARALLEL + 4);
  });

  it('a slow server holds up only its own connections', async () => {
    const order: string[] = [];
    await refreshAll(
      ['slow', 'fast1', 'fast2'],
      (id) => (id === 'slow' ? 'https://slow.example' : 'https://fast.example'),
      async (id) => {
        await new Promise((resolve) => setTimeout(resolve, id === 'slow' ? 50 : 1));
        order.push(id);
      },
    );
    expect(order).toEqual(['fast1', 'fast2', 'slow']);
  });

  it('groups connections by their URL’s origin', () => {
    expect(serverOfUrl('https://influx.example.com:8086/some/path')).toBe('https://influx.example.com:8086');
    expect(serverOfUrl('HTTPS://Influx.Example.com')).toBe('https://influx.example.com');
    expect(serverOfUrl('not a url')).toBe('not a url');
  });
});
