// Node Bull side of the poll benchmark: what Bull Board does per refresh of one queue's failed tab,
// getJobCounts() + getJobs(['failed'], 0, 49) (desc), timed over N iterations.
// usage: node bench/bull-poll.js PORT QUEUE N
'use strict';
const path = require('path');
const Queue = require(path.join(__dirname, '..', 'interop', 'node_modules', 'bull'));

async function main() {
  const [port, name, n] = process.argv.slice(2);
  const queue = new Queue(name, { redis: { host: '127.0.0.1', port: Number(port) } });
  await queue.isReady();
  const poll = async () => { await queue.getJobCounts(); return queue.getJobs(['failed'], 0, 49); };
  for (let i = 0; i < 50; i++) await poll();
  const times = [];
  let page;
  for (let i = 0; i < Number(n); i++) {
    const t = process.hrtime.bigint();
    page = await poll();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pct = p => times[Math.min(times.length - 1, Math.floor(p / 100 * times.length))];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`node bull queue ${name}: page=${page.length} jobs; poll p50 ${pct(50).toFixed(3)} ms, p99 ${pct(99).toFixed(3)} ms, mean ${mean.toFixed(3)} ms`);
  await queue.close();
}
main().catch(e => { console.error(e); process.exit(1); });
