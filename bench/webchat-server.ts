// The server process of `npm run bench:webchat` (bench/webchat-bench.ts forks it, so the
// memory it reports is the server's alone): the real server on PostgreSQL with the widget's
// per-address budgets raised — the bench's thousand chats all come from 127.0.0.1.
import { startServer } from '../src/server/app.js';

const server = await startServer({
  databaseUrl: process.env.BENCH_DATABASE_URL ?? '',
  port: 0,
  contactCenter: { presenceTimeoutSec: 86_400 },
  webchat: { limits: { startsPerIpPerMin: 1_000_000, requestsPerIpPerMin: 100_000_000, messagesPerConversationPerMin: 1_000, powBits: 8 } },
});
process.on('message', (m: unknown) => {
  if (m === 'memory') {
    const u = process.memoryUsage();
    process.send?.({ memory: { rssMb: Math.round(u.rss / 1e6), heapUsedMb: Math.round(u.heapUsed / 1e6) } });
  } else if (m === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.send?.({ url: server.url });
