// Node Bull counterpart of `bullpen bench worker`, for side-by-side benchmarks:
//   node worker-bench.js <redisUrl> <queue> <concurrency> <jobs> [noop|sleep:MS]
// Processes until <jobs> jobs finished (completed, or failed for good) on this worker, prints jobs/s, exits 0.
// Job data {"fail": "msg", "failAttempts": n} fails with msg while attemptsMade < n (always without failAttempts).
'use strict';
const Queue = require('bull');

const [url, name, concurrency, jobs, processor = 'noop'] = process.argv.slice(2);
const total = Number(jobs);
const sleepMs = processor.startsWith('sleep:') ? Number(processor.slice('sleep:'.length)) : 0;
if (!url || !name || !(Number(concurrency) >= 1) || !(total >= 1) || !(processor === 'noop' || sleepMs >= 0)) {
  console.error('usage: node worker-bench.js <redisUrl> <queue> <concurrency> <jobs> [noop|sleep:MS]');
  process.exit(2);
}

const queue = new Queue(name, url);
let finished = 0;
let failed = 0;
let t0;

function count() {
  if (++finished === total) {
    const secs = (Date.now() - t0) / 1000;
    queue.close().then(() => {
      console.log(`finished ${finished} jobs (${failed} failed) in ${secs.toFixed(3)} s: ${Math.round(finished / secs)} jobs/s`);
      process.exit(0);
    });
  }
}

queue.on('completed', count);
queue.on('failed', (job) => {
  if (job.attemptsMade >= (job.opts.attempts || 1)) {
    failed++;
    count();
  }
});

queue.isReady().then(() => {
  t0 = Date.now();
  queue.process(Number(concurrency), async (job) => {
    if (sleepMs > 0) {
      await new Promise((r) => setTimeout(r, sleepMs));
    }
    const data = job.data || {};
    if (data.fail && (data.failAttempts === undefined || job.attemptsMade < data.failAttempts)) {
      throw new Error(String(data.fail));
    }
    return null;
  });
});
