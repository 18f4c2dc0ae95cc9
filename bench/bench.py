#!/usr/bin/env python3
"""Helpers of the issue-8 benchmark scripts (bench/*.sh): creating monitors, reading /actuator/prometheus,
/proc and nginx's access log. Standard library only."""
import concurrent.futures
import json
import math
import re
import sys
import urllib.request
from collections import defaultdict

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def create(api, count, interval, target):
    """POSTs `count` monitors pointing at target?m=<n>; fails loudly on the first refused one."""
    def post(n):
        body = json.dumps({
            "name": f"bench-{n}", "url": f"{target}?m={n}", "check_interval": interval,
            "timeout": 1, "expected_status_code": 200, "enabled": True}).encode()
        request = urllib.request.Request(f"{api}/monitors", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 201:
                raise SystemExit(f"monitor {n}: HTTP {response.status}")
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for future in [pool.submit(post, n) for n in range(1, count + 1)]:
            future.result()


def scrape(url, out):
    with urllib.request.urlopen(url, timeout=30) as response:
        text = response.read().decode()
    with open(out, "w") as f:
        f.write(text)


def samples(path):
    result = []
    for line in open(path):
        if line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        if m:
            result.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))))
    return result


def total(path, name, **labels):
    return sum(v for n, l, v in samples(path) if n == name and all(l.get(k) == w for k, w in labels.items()))


def quantile(buckets, q):
    """Prometheus' histogram_quantile over (upper bound, cumulative count) pairs."""
    buckets = sorted(buckets)
    count = buckets[-1][1]
    if count <= 0:
        return float("nan")
    rank = q * count
    lower, below = 0.0, 0.0
    for upper, cumulative in buckets:
        if cumulative >= rank:
            if math.isinf(upper):
                return lower
            return lower + (upper - lower) * (rank - below) / max(cumulative - below, 1e-9)
        lower, below = upper, cumulative
    return lower


def window(start, end):
    """Scheduler and SQS figures between two scrapes, as shell assignments."""
    name = "health_monitor_scheduler_lag_seconds_bucket"
    def buckets(path):
        acc = defaultdict(float)
        for n, l, v in samples(path):
            if n == name:
                acc[float(l["le"].replace("+Inf", "inf"))] += v
        return acc
    b0, b1 = buckets(start), buckets(end)
    delta = [(le, b1[le] - b0.get(le, 0.0)) for le in b1]
    dispatched = total(end, "health_monitor_scheduler_dispatched_total") - total(start, "health_monitor_scheduler_dispatched_total")
    def millis(q):
        value = quantile(delta, q) if delta else float("nan")
        return "nan" if math.isnan(value) else round(value * 1000)
    out = {
        "LAG_P50_MS": millis(0.50),
        "LAG_P99_MS": millis(0.99),
        "LAG_MAX_MS": round(total(end, "health_monitor_scheduler_lag_seconds_max") * 1000),
        "BACKLOG": int(total(end, "health_monitor_scheduler_backlog")),
        "DISPATCHED": int(dispatched),
    }
    ops = defaultdict(lambda: [0.0, 0.0])
    for n, l, v in samples(end):
        if n == "health_monitor_sqs_requests_total":
            ops[l["operation"]][0] += v
        if n == "health_monitor_sqs_billed_requests_total":
            ops[l["operation"]][1] += v
    for n, l, v in samples(start):
        if n == "health_monitor_sqs_requests_total":
            ops[l["operation"]][0] -= v
        if n == "health_monitor_sqs_billed_requests_total":
            ops[l["operation"]][1] -= v
    calls = sum(c for c, _ in ops.values())
    billed = sum(b for _, b in ops.values())
    out["SQS_CALLS"] = int(calls)
    out["SQS_BILLED"] = int(billed)
    out["SQS_BY_OPERATION"] = "'" + ", ".join(f"{op} {int(c)}" for op, (c, _) in sorted(ops.items()) if c) + "'"
    out["SQS_CALLS_PER_CHECK"] = f"{calls / dispatched:.4f}" if dispatched else "nan"
    out["SQS_BILLED_PER_CHECK"] = f"{billed / dispatched:.4f}" if dispatched else "nan"
    outcomes = defaultdict(float)
    for sign, path in ((1, end), (-1, start)):
        for n, l, v in samples(path):
            if n == "health_monitor_checks_total":
                outcomes[l.get("outcome", "?")] += sign * v
    out["WORKER_OUTCOMES"] = "'" + ", ".join(f"{k} {int(v)}" for k, v in sorted(outcomes.items()) if v) + "'"
    for key, value in out.items():
        print(f"{key}={value}")


def access(log, t0, t1, monitors, interval):
    """Checks that reached nginx in [t0, t1) (epoch seconds), per monitor: how many and the longest gap."""
    times = defaultdict(list)
    count = 0
    for line in open(log, errors="replace"):
        parts = line.split()
        if len(parts) < 2 or not parts[1].startswith("/health?m="):
            continue
        t = float(parts[0])
        if t0 <= t < t1:
            count += 1
            times[parts[1][10:]].append(t)
    seconds = t1 - t0
    gaps = sorted(max((b - a for a, b in zip(ts, ts[1:])), default=seconds) for ts in times.values())
    per_monitor = sorted(len(ts) for ts in times.values())
    print(f"CHECKS={count}")
    print(f"CHECKS_PER_S={count / seconds:.0f}")
    print(f"SCHEDULE_KEPT_PCT={100.0 * count / (monitors * seconds / interval):.1f}")
    print(f"MONITORS_SEEN={len(times)}")
    print(f"CHECKS_PER_MONITOR_MIN={per_monitor[0] if per_monitor else 0}")
    print(f"GAP_P50_S={gaps[len(gaps) // 2] if gaps else 'nan':.2f}" if gaps else "GAP_P50_S=nan")
    print(f"GAP_P99_S={gaps[int(len(gaps) * 0.99)]:.2f}" if gaps else "GAP_P99_S=nan")
    print(f"GAP_MAX_S={gaps[-1]:.2f}" if gaps else "GAP_MAX_S=nan")


def bulk(api, count, interval, target, seconds):
    """Creates `count` monitors through POST /monitors/bulk, 1,000 a request, paced evenly over `seconds` so their
    first slots (creation time) spread over the interval as a fleet's do; tags team:t<n % 50> and env:prod|staging."""
    import time
    per_request = 1000
    requests = (count + per_request - 1) // per_request
    start = time.monotonic()
    slowest = 0.0
    for r in range(requests):
        due = start + seconds * r / requests
        if time.monotonic() < due:
            time.sleep(due - time.monotonic())
        first = r * per_request + 1
        monitors = [{
            "name": f"bench-{n}", "url": f"{target}?m={n}", "check_interval": interval, "timeout": 1,
            "expected_status_code": 200, "tags": [f"team:t{n % 50}", "env:prod" if n % 4 else "env:staging"]}
            for n in range(first, min(count, first + per_request - 1) + 1)]
        request = urllib.request.Request(f"{api}/monitors/bulk", data=json.dumps({"monitors": monitors}).encode(),
                                         method="POST", headers={"Content-Type": "application/json"})
        t = time.monotonic()
        with urllib.request.urlopen(request, timeout=120) as response:
            if response.status != 201:
                raise SystemExit(f"bulk request {r}: HTTP {response.status}")
            response.read()
        slowest = max(slowest, time.monotonic() - t)
    print(f"BULK_SECONDS={time.monotonic() - start:.0f}")
    print(f"BULK_SLOWEST_MS={slowest * 1000:.0f}")


def latency(base, paths, rounds):
    """GETs each path `rounds` times in turn (one at a time, after 5 unmeasured rounds); prints p50/p99/max ms."""
    import time
    timings = defaultdict(list)
    sizes = {}
    for r in range(rounds + 5):
        for path in paths:
            t = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=60) as response:
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}")
                sizes[path] = len(response.read())
            if r >= 5:
                timings[path].append((time.perf_counter() - t) * 1000)
    for path in paths:
        values = sorted(timings[path])
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
        print(f"| `GET {path}` | {pick(0.5):.1f} ms | {pick(0.99):.1f} ms | {values[-1]:.1f} ms | "
              f"{sizes[path] / 1024:.0f} kB |")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "create":
        create(args[0], int(args[1]), int(args[2]), args[3])
    elif command == "scrape":
        scrape(args[0], args[1])
    elif command == "window":
        window(args[0], args[1])
    elif command == "bulk":
        bulk(args[0], int(args[1]), int(args[2]), args[3], float(args[4]))
    elif command == "latency":
        latency(args[0], args[2:], int(args[1]))
    elif command == "access":
        access(args[0], float(args[1]), float(args[2]), int(args[3]), float(args[4]))
    else:
        raise SystemExit(f"unknown command {command}")
