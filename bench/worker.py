#!/usr/bin/env python3
"""Worker benchmark: Bullpen `bench worker` vs a Node Bull worker, alternating rounds on one private Redis.

1. Throughput: N pre-filled no-op jobs at concurrency 1, 10 and 50; jobs/s, CPU per job of the worker
   process (user+sys from rusage, start-up included) and of redis-server (INFO cpu delta).
2. Latency: a Node producer adds jobs at a fixed rate (default 1,000/s) for a few seconds while one
   worker (concurrency 10) processes them with 2 ms of simulated work; finish - creation p50/p95/p99.

usage: bench/worker.py [--jobs 20000] [--rounds 2] [--rate 1000] [--seconds 10] [--port P] [--json FILE]
  --port P     use the redis-server already listening on 127.0.0.1:P (bench/all.sh) instead of starting one
  --json FILE  also write every round's figures there
"""
import argparse, json, os, resource, shutil, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BULLPEN = os.path.join(ROOT, "bullpen")
NODE_WORKER = os.path.join(ROOT, "interop", "worker-bench.js")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, check=True).stdout.strip()


def redis_cpu(port):
    info = redis_cli(port, "info", "cpu")
    vals = dict(l.split(":", 1) for l in info.splitlines() if ":" in l)
    return float(vals["used_cpu_user"]) + float(vals["used_cpu_sys"])


def run_child(cmd, env=None):
    """Runs a command, returns (stdout, wall seconds, cpu seconds of that child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({out.returncode}): {out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out.stdout, wall, cpu


def fill(url, queue, jobs):
    subprocess.run([BULLPEN, "--redis", url, "bench", "produce", "--queue", queue, "--jobs", str(jobs)],
                   check=True, capture_output=True)


def jobs_per_s(text):
    return float(text.strip().split()[-2])


def throughput(port, url, args):
    rows = []
    for conc in (1, 10, 50):
        for rnd in range(args.rounds):
            for who in ("bullpen", "node"):
                q = f"w-{who}-{conc}-{rnd}"
                fill(url, q, args.jobs)
                cpu0 = redis_cpu(port)
                if who == "bullpen":
                    cmd = [BULLPEN, "--redis", url, "bench", "worker", "--queue", q, "--concurrency", str(conc),
                           "--processor", "noop", "--jobs", str(args.jobs)]
                else:
                    cmd = ["node", NODE_WORKER, url, q, str(conc), str(args.jobs), "noop"]
                out, wall, cpu = run_child(cmd)
                rcpu = redis_cpu(port) - cpu0
                done = int(redis_cli(port, "zcard", f"bull:{q}:completed"))
                if done != args.jobs:
                    sys.exit(f"{who} c={conc}: {done} of {args.jobs} jobs completed")
                rows.append(dict(who=who, conc=conc, round=rnd, jobs_s=jobs_per_s(out),
                                 worker_cpu_ms_per_1k=cpu / args.jobs * 1e6, redis_cpu_ms_per_1k=rcpu / args.jobs * 1e6))
                redis_cli(port, "eval", "for _,k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end", "0", f"bull:{q}:*")
                print(f"  c={conc:<3} round {rnd} {who:8} {rows[-1]['jobs_s']:8.0f} jobs/s  worker CPU "
                      f"{rows[-1]['worker_cpu_ms_per_1k']:6.1f} ms/1k jobs  redis CPU {rows[-1]['redis_cpu_ms_per_1k']:6.1f} ms/1k jobs",
                      flush=True)
    print("\nthroughput (median of rounds)")
    print(f"{'conc':>4}  {'bullpen j/s':>11}  {'node j/s':>9}  {'ratio':>5}  {'worker CPU/1k ms b|n':>21}  {'redis CPU/1k ms b|n':>20}")
    for conc in (1, 10, 50):
        med = lambda who, k: statistics.median(r[k] for r in rows if r["who"] == who and r["conc"] == conc)
        b, n = med("bullpen", "jobs_s"), med("node", "jobs_s")
        print(f"{conc:>4}  {b:>11.0f}  {n:>9.0f}  {b / n:>5.2f}  {med('bullpen', 'worker_cpu_ms_per_1k'):>10.1f} | "
              f"{med('node', 'worker_cpu_ms_per_1k'):<8.1f}  {med('bullpen', 'redis_cpu_ms_per_1k'):>9.1f} | "
              f"{med('node', 'redis_cpu_ms_per_1k'):<8.1f}")
    return rows


def latency(port, url, args):
    print(f"\nend-to-end latency (finishedOn - timestamp), {args.rate} jobs/s for {args.seconds} s, 2 ms work, concurrency 10")
    total = args.rate * args.seconds
    rows = []
    for rnd in range(args.rounds):
        for who in ("bullpen", "node"):
            q = f"lat-{who}-{rnd}"
            if who == "bullpen":
                cmd = [BULLPEN, "--redis", url, "bench", "worker", "--queue", q, "--concurrency", "10",
                       "--processor", "sleep:2", "--jobs", str(total)]
            else:
                cmd = ["node", NODE_WORKER, url, q, "10", str(total), "sleep:2"]
            worker = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(4)  # let the worker start (JVM or node) before the clock starts
            subprocess.run(["node", os.path.join(ROOT, "bench", "bull-rate-produce.js"), str(port), q, str(args.rate),
                            str(args.seconds)], check=True, capture_output=True)
            worker.communicate(timeout=120)
            pairs = json.loads(subprocess.run(["redis-cli", "-p", str(port), "eval", LAT_SCRIPT, "1",
                                               f"bull:{q}:completed", f"bull:{q}:"],
                                              capture_output=True, text=True, check=True).stdout)
            first = min(t for t, _ in pairs)
            lat = sorted(l for _, l in pairs)
            # the same after the first second of load: a worker that has run for a while (JIT warm-up behind it)
            warm = sorted(l for t, l in pairs if t - first >= 1000)
            pct = lambda a, p: a[min(len(a) - 1, int(p / 100 * len(a)))]
            print(f"  round {rnd} {who:8} n={len(lat)}  p50 {pct(lat, 50)} ms  p95 {pct(lat, 95)} ms  p99 {pct(lat, 99)} ms  "
                  f"max {lat[-1]} ms  (after the first second: p99 {pct(warm, 99)} ms, max {warm[-1]} ms)", flush=True)
            rows.append(dict(who=who, round=rnd, n=len(lat), p50=pct(lat, 50), p95=pct(lat, 95), p99=pct(lat, 99),
                             max=lat[-1], warm_p99=pct(warm, 99), warm_max=warm[-1]))
            redis_cli(port, "eval", "for _,k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end", "0",
                      f"bull:{q}:*")
    return rows


LAT_SCRIPT = """local out = {}
for _, id in ipairs(redis.call('zrange', KEYS[1], 0, -1)) do
  local v = redis.call('hmget', ARGV[1] .. id, 'timestamp', 'finishedOn')
  out[#out + 1] = {tonumber(v[1]), tonumber(v[2]) - tonumber(v[1])}
end
return cjson.encode(out)"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--skip-latency", action="store_true")
    ap.add_argument("--port", type=int, help="use this running redis-server on 127.0.0.1")
    ap.add_argument("--json", help="write the figures of every round to this file")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(ROOT, "interop", "node_modules", "bull")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=os.path.join(ROOT, "interop"), check=True)
    subprocess.run([BULLPEN, "--help"], check=True, capture_output=True)  # build outside the measurement
    srv, d = None, None
    if args.port:
        port = args.port
    else:
        port, d = free_port(), tempfile.mkdtemp()
        srv = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", d], stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                redis_cli(port, "ping"); break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        url = f"redis://127.0.0.1:{port}"
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        print(f"machine: {os.cpu_count()} cores; {java}; node {node}; redis {redis_cli(port, 'info', 'server').split('redis_version:')[1].split()[0]}; load {os.getloadavg()}")
        result = dict(jobs=args.jobs, rounds=args.rounds, rate=args.rate, seconds=args.seconds)
        result["throughput"] = throughput(port, url, args)
        if not args.skip_latency:
            result["latency"] = latency(port, url, args)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(result, f, indent=1)
    finally:
        if srv is not None:
            srv.terminate(); srv.wait(); shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
