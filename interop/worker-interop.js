// Node side of Bullpen's worker interop tests (real bull 4.16.5). One mode per invocation:
//   produce <redisUrl> <queue>                       adds the fixed job set below, prints {"ids":[...]}
//   inspect <redisUrl> <queue> <id>...               prints one JSON line per job: Bull's view of it
//   events  <redisUrl> <queue> <n>                   prints "ready", then n global completed/failed events as JSON
//   work    <redisUrl> <queue> <concurrency> <total> [lockDurationMs stalledIntervalMs]
//                                                    processes until <total> jobs are completed or failed in Redis
//                                                    (total 0: until nothing is waiting, active or delayed);
//                                                    data.sleep (ms) makes a job slow; data.fail fails it while
//                                                    attemptsMade < data.failAttempts (always without it);
//                                                    data.result is returned (null: undefined); data.progress and
//                                                    data.log are reported with job.progress / job.log
//   workers <redisUrl> <queue>                       prints getWorkers() names as JSON
//   repeat  <redisUrl> <queue> <everyMs> <limit>     adds job "tick" repeating every everyMs, limit times; prints it
'use strict';
const Queue = require('bull');

const [mode, url, name, ...rest] = process.argv.slice(2);

function open(settings) {
  return new Queue(name, url, settings ? { settings } : undefined);
}

async function produce() {
  const q = open();
  const ok = await q.add({ n: 21 });
  const fails = await q.add({ fail: 'node asked to fail' },
    { attempts: 2, backoff: { type: 'fixed', delay: 100 }, stackTraceLimit: 5 });
  const named = await q.add('doubler', { n: 5 }, { removeOnComplete: false });
  console.log(JSON.stringify({ ids: [ok.id, fails.id, named.id].map(String) }));
  await q.close();
}

async function inspect() {
  const q = open();
  for (const id of rest) {
    const job = await q.getJob(id);
    if (!job) {
      console.log(JSON.stringify({ id, missing: true }));
      continue;
    }
    const state = await job.getState();
    console.log(JSON.stringify({
      id: String(job.id), state, returnvalue: job.returnvalue, failedReason: job.failedReason,
      stacktrace: job.stacktrace, attemptsMade: job.attemptsMade, finishedOn: job.finishedOn,
      processedOn: job.processedOn,
    }));
  }
  await q.close();
}

async function events() {
  const q = open();
  const want = Number(rest[0]);
  let seen = 0;
  const done = new Promise((resolve) => {
    const record = (event) => (jobId, val) => {
      console.log(JSON.stringify({ event, jobId: String(jobId), val }));
      if (++seen >= want) resolve();
    };
    q.on('global:completed', record('completed'));
    q.on('global:failed', record('failed'));
  });
  let registered = 0;
  await new Promise((resolve) => {
    const one = () => { if (++registered === 2) resolve(); };
    q.once('registered:global:completed', one);
    q.once('registered:global:failed', one);
  });
  console.log('ready');
  await done;
  await q.close();
}

async function work() {
  const [concurrency, total, lockDuration, stalledInterval] = rest.map(Number);
  const q = open(lockDuration ? { lockDuration, stalledInterval } : undefined);
  q.process('*', concurrency, async (job) => {
    await q.client.rpush(q.toKey('interop:node'), String(job.id));
    if (job.data && job.data.sleep) {
      await new Promise((r) => setTimeout(r, job.data.sleep));
    }
    const data = job.data || {};
    if ('progress' in data) {
      await job.progress(data.progress);
    }
    if (data.log) {
      await job.log(data.log);
    }
    if (data.fail && (data.failAttempts === undefined || job.attemptsMade < data.failAttempts)) {
      throw new Error(data.fail);
    }
    if ('result' in data) {
      return data.result === null ? undefined : data.result;
    }
    return { by: 'node', n: data.n };
  });
  for (;;) {
    const counts = await q.getJobCounts();
    if (total > 0 && counts.completed + counts.failed >= total) break;
    if (total === 0 && counts.waiting + counts.active + counts.delayed + counts.paused === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await q.close();
  console.log('done');
}

async function repeat() {
  const q = open();
  const job = await q.add('tick', { n: 1 }, { repeat: { every: Number(rest[0]), limit: Number(rest[1]) } });
  console.log(JSON.stringify({ id: String(job.id), opts: job.opts }));
  await q.close();
}

async function workers() {
  const q = open();
  const list = await q.getWorkers();
  console.log(JSON.stringify(list.map((w) => w.name)));
  await q.close();
}

const modes = { produce, inspect, events, work, workers, repeat };
if (!modes[mode]) {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
modes[mode]().then(() => process.exit(0), (e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
