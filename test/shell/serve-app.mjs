// Serves the built renderer through the shell's own app:// handler (the built main process on the
// stand-in electron) over HTTP on 127.0.0.1, so Chromium loads exactly what that handler answers.
// Prints {"url": …} on its first line; stops when its parent closes stdin.
import { createServer } from 'node:http';

const root = new URL('../../', import.meta.url);
await import(new URL('out/main/index.js', root).href);
await new Promise((resolve) => setTimeout(resolve, 200));
const handler = globalThis.__shell.protocolHandler;

const server = createServer(async (request, response) => {
  const answer = await handler(new Request(`app://token-desk${request.url}`));
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
