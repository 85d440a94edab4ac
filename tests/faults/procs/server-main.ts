// A server instance in its own process, so a test can kill -9 it. Prints "READY <url>".
import { startServer } from '../../../src/server/app.js';

const server = await startServer({
  databaseUrl: process.env.DATABASE_URL ?? '',
  port: Number(process.env.PORT ?? 0),
});
process.stdout.write(`READY ${server.url}\n`);
