#!/usr/bin/env node
'use strict';
/*
 * Real Node Bull (4.16.5, pinned in package-lock.json) for Bullpen's interop tests.
 *
 *   node interop/bull-tool.js <command> '<json arguments>'
 *
 * Prints exactly one JSON document on stdout. On error it prints {"error": "..."} and exits 1;
 * when the time limit (args.timeoutMs, default 20000) is reached it prints {"error": "timeout ..."}
 * and exits 2. Every command closes its Queue before exiting.
 *
 * Common arguments: redis (URL, required), queue (name, required), prefix (default "bull"),
 * metrics (Bull's Queue option, e.g. {"maxDataPoints": 60}).
 */
const fs = require('fs');
const Queue = require('bull');

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused'];

function out(doc, code) {
  process.stdout.write(JSON.stringify(doc) + '\n', () => process.exit(code));
}

function openQueue(args) {
  if (!args.redis || !args.queue) {
    throw new Error('arguments "redis" and "queue" are required');
  }
  return new Queue(args.queue, args.redis, {
    prefix: args.prefix || 'bull',
    settings: args.settings || {},
    metrics: args.metrics // e.g. { maxDataPoints: 60 }: Bull then keeps metrics:completed / metrics:failed
  });
}

async function rawHash(queue, id) {
  const h = await queue.client.hgetall(queue.toKey(id));
  return Object.keys(h).length === 0 ? null : h;
}

/** A job as Bull reads it: the raw stored hash plus the fields of job.toJSON(). */
async function describe(queue, id, job) {
  return {
    id: String(id),
    raw: await rawHash(queue, id),
    json: job ? JSON.parse(JSON.stringify(job.toJSON())) : null,
    state: job ? await job.getState() : null,
    logs: (await queue.getJobLogs(id)).logs
  };
}

async function zrangeWithScores(queue, suffix) {
  const flat = await queue.client.zrange(queue.toKey(suffix), 0, -1, 'WITHSCORES');
  const pairs = [];
  for (let i = 0; i < flat.length; i += 2) {
    pairs.push([flat[i], flat[i + 1]]);
  }
  return pairs;
}

const commands = {
  /** args.jobs: [{name, data, opts}], added one by one with queue.add. */
  async add(queue, args) {
    const ids = [];
    for (const j of args.jobs) {
      const job = j.name === undefined || j.name === null
        ? await queue.add(j.data, j.opts || {})
        : await queue.add(j.name, j.data, j.opts || {});
      ids.push(String(job.id));
    }
    return { ids };
  },

  async addBulk(queue, args) {
    const jobs = await queue.addBulk(args.jobs.map(j => ({ name: j.name, data: j.data, opts: j.opts || {} })));
    return { ids: jobs.map(j => String(j.id)) };
  },

  /**
   * Everything Bull sees of the queue: getJobCounts(), isPaused(), per state the ids of
   * getJobs([state], start, end, false) and each job (raw hash + toJSON), plus the raw
   * wait/paused/active lists and the delayed/priority/completed/failed zsets with scores.
   * args.windows: [[start, end], ...] also lists the ids of each state for those ranges.
   */
  async dump(queue, args) {
    const start = args.start === undefined ? 0 : args.start;
    const end = args.end === undefined ? -1 : args.end;
    const states = args.states || STATES;
    const jobs = {};
    const ids = {};
    for (const s of states) {
      ids[s] = (await queue.getRanges([s], start, end, false)).map(String);
      const found = await queue.getJobs([s], start, end, false);
      jobs[s] = [];
      for (let i = 0; i < ids[s].length; i++) {
        jobs[s].push(await describe(queue, ids[s][i], found[i]));
      }
    }
    const windows = [];
    for (const [from, to] of args.windows || []) {
      const w = { start: from, end: to, ids: {} };
      for (const s of states) {
        w.ids[s] = (await queue.getRanges([s], from, to, false)).map(String);
      }
      windows.push(w);
    }
    const c = queue.client;
    return {
      windows,
      counts: await queue.getJobCounts(),
      paused: await queue.isPaused(),
      ids,
      jobs,
      raw: {
        id: await c.get(queue.toKey('id')),
        wait: await c.lrange(queue.toKey('wait'), 0, -1),
        paused: await c.lrange(queue.toKey('paused'), 0, -1),
        active: await c.lrange(queue.toKey('active'), 0, -1),
        delayed: await zrangeWithScores(queue, 'delayed'),
        priority: await zrangeWithScores(queue, 'priority'),
        completed: await zrangeWithScores(queue, 'completed'),
        failed: await zrangeWithScores(queue, 'failed'),
        metaPaused: await c.get(queue.toKey('meta-paused')),
        meta: await c.hgetall(queue.toKey('meta'))
      }
    };
  },

  async getJob(queue, args) {
    const job = await queue.getJob(args.id);
    return { job: job ? await describe(queue, args.id, job) : null };
  },

  async getState(queue, args) {
    const job = await queue.getJob(args.id);
    return { state: job ? await job.getState() : null };
  },

  /**
   * A Bull worker (concurrency args.concurrency, default 1) that handles jobs until args.count
   * attempts have finished (completed or failed), then closes. Records the order in which job ids
   * were handed to the handler. args.failIds: ids whose attempts throw; args.failAll; args.holdMs:
   * each attempt waits this long first; args.report: each attempt sets progress and adds a log line.
   */
  async process(queue, args) {
    const want = args.count;
    const order = [];
    const finished = [];
    const failIds = new Set((args.failIds || []).map(String));
    let resolveDone;
    const done = new Promise(resolve => { resolveDone = resolve; });
    const onFinish = (job, kind) => {
      finished.push({ id: String(job.id), result: kind });
      if (finished.length >= want) {
        resolveDone();
      }
    };
    queue.on('completed', job => onFinish(job, 'completed'));
    queue.on('failed', job => onFinish(job, 'failed'));
    if (want <= 0) {
      resolveDone();
    }
    queue.process('*', args.concurrency || 1, async job => {
      order.push(String(job.id));
      if (args.report) {
        await job.progress({ step: order.length, of: want });
        await job.log('handled ' + job.id);
      }
      if (args.holdMs) {
        await new Promise(r => setTimeout(r, args.holdMs));
      }
      if (args.failAll || failIds.has(String(job.id))) {
        throw new Error('failed by bull-tool: ' + job.id);
      }
      return { handled: String(job.id) };
    });
    await done;
    return { order, finished };
  },

  /** Retries one failed job (args.id) with job.retry(), or every failed job with queue.retryJobs(). */
  async retry(queue, args) {
    if (args.all) {
      await queue.retryJobs({ count: args.count || 1000 });
      return { ok: true };
    }
    const job = await queue.getJob(args.id);
    if (!job) {
      throw new Error('no job ' + args.id);
    }
    await job.retry();
    return { ok: true };
  },

  async promote(queue, args) {
    const job = await queue.getJob(args.id);
    if (!job) {
      throw new Error('no job ' + args.id);
    }
    await job.promote();
    return { ok: true };
  },

  async remove(queue, args) {
    const job = await queue.getJob(args.id);
    if (!job) {
      throw new Error('no job ' + args.id);
    }
    await job.remove();
    return { ok: true };
  },

  async clean(queue, args) {
    const removed = await queue.clean(args.grace, args.type, args.limit || 0);
    return { removed: removed.map(j => String(j && j.id !== undefined ? j.id : j)) };
  },

  async pause(queue) {
    await queue.pause();
    return { paused: await queue.isPaused() };
  },

  async resume(queue) {
    await queue.resume();
    return { paused: await queue.isPaused() };
  },

  async empty(queue) {
    await queue.empty();
    return { ok: true };
  },

  /**
   * Listens to Bull's global events (args.events, e.g. "global:waiting") until args.count events
   * arrived or args.durationMs passed; writes args.readyFile once subscribed. Returns the events
   * in order of arrival as {event, args}.
   */
  async listen(queue, args) {
    const events = [];
    let resolveDone;
    const done = new Promise(resolve => { resolveDone = resolve; });
    for (const name of args.events) {
      queue.on(name, (...a) => {
        events.push({ event: name, args: a.map(x => (x === null || x === undefined ? null : String(x))) });
        if (args.count && events.length >= args.count) {
          resolveDone();
        }
      });
    }
    await queue.isReady();
    await Promise.all(args.events.map(name => queue._registerEvent(name)));
    if (args.readyFile) {
      fs.writeFileSync(args.readyFile, 'ready');
    }
    const timer = setTimeout(resolveDone, args.durationMs || 5000);
    await done;
    clearTimeout(timer);
    return { events };
  },

  async isPaused(queue) {
    return { paused: await queue.isPaused() };
  },

  async workers(queue) {
    return { workers: await queue.getWorkers() };
  },

  /** Bull's queue.getMetrics(args.type, args.start, args.end): {meta: {count, prevTS, prevCount}, data, count}. */
  async metrics(queue, args) {
    return await queue.getMetrics(args.type, args.start === undefined ? 0 : args.start,
      args.end === undefined ? -1 : args.end);
  }
};

async function main() {
  const [cmd, json] = process.argv.slice(2);
  const args = json ? JSON.parse(json) : {};
  const timeoutMs = args.timeoutMs || 20000;
  const timer = setTimeout(() => out({ error: 'timeout after ' + timeoutMs + ' ms in ' + cmd }, 2), timeoutMs);
  if (!commands[cmd]) {
    throw new Error('unknown command ' + cmd + '; one of ' + Object.keys(commands).join(', '));
  }
  const queue = openQueue(args);
  queue.on('error', () => {});
  let result;
  try {
    result = await commands[cmd](queue, args);
  } finally {
    await queue.close().catch(() => {});
  }
  clearTimeout(timer);
  out(result, 0);
}

main().catch(e => out({ error: String(e && e.message ? e.message : e) }, 1));
