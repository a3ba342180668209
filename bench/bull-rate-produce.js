// Adds small jobs at a fixed rate with Node Bull (the same producer for both workers in bench/worker.py).
// usage: node bench/bull-rate-produce.js PORT QUEUE RATE_PER_S SECONDS
'use strict';
const path = require('path');
const Queue = require(path.join(__dirname, '..', 'interop', 'node_modules', 'bull'));

async function main() {
  const [port, name, rate, seconds] = process.argv.slice(2).map((v, i) => (i === 1 ? v : Number(v)));
  const queue = new Queue(name, { redis: { host: '127.0.0.1', port } });
  await queue.isReady();
  const total = rate * seconds, start = Date.now(), pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
    pending.push(queue.add({ n: i }));
  }
  await Promise.all(pending);
  await queue.close();
}
main().catch(e => { console.error(e); process.exit(1); });
