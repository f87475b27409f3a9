/** Appends history entries in a loop until killed: the journal's crash test kills it mid-write. */
import { HistoryLog } from '../../main/history/history-log';
import { createLogger } from '../../main/log/logger';

const [dir] = process.argv.slice(2);
const journal = new HistoryLog(
  dir ?? '.',
  createLogger(() => undefined),
);
for (let i = 0; ; i += 1) {
  await journal.append({
    id: `r${i}`,
    desk: 'writer',
    product: 'OSS 2.7',
    at: new Date().toISOString(),
    connectionId: 'c',
    connectionName: 'prod',
    url: 'https://influx.example.com',
    action: 'token.create',
    target: i.toString(16).padStart(16, '0'),
    description: `entry ${i} ${'x'.repeat(200)}`,
    outcome: 'ok',
    detail: '',
  });
  if (i === 20) process.stdout.write('writing\n');
}
