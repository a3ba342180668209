// Node Bull side of the produce benchmark: adds exactly N small jobs with K adds in flight.
// usage: node bench/bull-produce.js PORT QUEUE N K [PREFIX]
'use strict';
const path = require('path');
const Queue = require(path.join(__dirname, '..', 'interop', 'node_modules', 'bull'));

async function main() {
  const [port, name, n, k, prefix] = process.argv.slice(2);
  const total = Number(n), inFlight = Number(k);
  const queue = new Queue(name, { redis: { host: '127.0.0.1', port: Number(port) }, prefix: prefix || 'bull' });
  await queue.isReady();
  const t0 = process.hrtime.bigint();
  let next = 0;
  async function lane() {
    while (next < total) {
      const i = next++;
      await queue.add({ n: i });
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`added ${total} jobs in ${secs.toFixed(3)} s: ${(total / secs).toFixed(0)} jobs/s`);
  await queue.close();
}
main().catch(e => { console.error(e); process.exit(1); });
