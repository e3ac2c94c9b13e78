#!/usr/bin/env python3
"""Turns one benchmark run's raw measurements into the table on stdout, the JSON file and the gnuplot chart.

Input (written by bench/run into its work directory):
  measurements.tsv  scenario side round elapsed_ns bytes ops peak_rss_kib   (one line per timed transfer)
  extras.tsv        scenario side round name value                          (errors, first byte, heap readings)
  checks.tsv        check expected actual                                   (one line per byte check)
  meta.json         run options, host, startup figures
"""
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

MIB = 1024 * 1024

# Order, label and unit of each scenario; MiB/s rates count bytes, the others count ops (files, keys, sessions).
SCENARIOS = {
    "upload": ("upload {size}", "MiB/s"),
    "download": ("download {size}", "MiB/s"),
    "small-files": ("{files} x {file_kib} KiB STOR", "files/s"),
    "small-files-stock": ("{files} x {file_kib} KiB, ftplib storbinary", "files/s"),
    "sessions": ("{sessions} sessions x {session_mib} MiB up+down", "MiB/s"),
    "list": ("LIST {list_keys:,} keys", "keys/s"),
    "idle-sessions": ("open {idle_sessions} idle TLS sessions", "sessions/s"),
}

# Rows measured on the bridge side only, judged against another row's baseline (the same work done directly).
SHARED_BASELINE = {"small-files-stock": "small-files"}

# How the bridge side's client meets the store, for the ceiling (the ratio the bridge would reach if it used no CPU):
# in a serial scenario one request waits for the last, so the client's and the store's CPU add up; in the others one
# client streams (or many run at once), so the time is at least the client's own CPU (curl and the python client run
# each transfer on one thread) and at least the two's CPU spread over every core.
SERIAL_SCENARIOS = {"small-files", "small-files-stock"}
ONE_CLIENT_THREAD = {"upload", "download", "list"}

# The targets, shown beside the figures they judge.
TARGET_HEAP_PER_IDLE_SESSION_KIB = 64
TARGET_SESSIONS_PEAK_RSS_MIB = 1024
TARGET_LIST_FIRST_BYTE_S = 1.0
TARGET_LIST_TIME_VS_DIRECT = 1.2


def load(work):
    rows = []
    for line in (work / "measurements.tsv").read_text().splitlines():
        scenario, side, rnd, elapsed_ns, size, ops, rss_kib = line.split("\t")
        rows.append(dict(scenario=scenario, side=side, round=rnd, warmup=rnd.startswith("w"), seconds=int(elapsed_ns) / 1e9,
                         bytes=int(size), ops=int(ops), rss_kib=int(rss_kib) if rss_kib != "-" else None))
    extras = []
    extras_file = work / "extras.tsv"
    for line in (extras_file.read_text().splitlines() if extras_file.exists() else []):
        scenario, side, rnd, name, value = line.split("\t")
        extras.append(dict(scenario=scenario, side=side, round=rnd, name=name, value=int(value)))
    checks = []
    for line in (work / "checks.tsv").read_text().splitlines():
        name, expected, actual = line.split("\t")
        checks.append(dict(check=name, expected=expected, actual=actual, ok=expected == actual))
    meta = json.loads((work / "meta.json").read_text())
    return rows, extras, checks, meta


def rate(unit, amount_bytes, ops, seconds):
    return (amount_bytes / MIB if unit == "MiB/s" else ops) / seconds


def summarise(rows, extras, meta):
    opts = meta["options"]
    size = f"{opts['size_mib'] // 1024} GiB" if opts["size_mib"] % 1024 == 0 else f"{opts['size_mib']} MiB"
    results = []
    for key, (label, unit) in SCENARIOS.items():
        if not any(r["scenario"] == key and not r["warmup"] for r in rows):
            continue
        entry = dict(scenario=key, label=label.format(size=size, **opts), unit=unit)
        for side in ("bridge", "baseline"):
            runs = [r for r in rows if r["scenario"] == key and r["side"] == side and not r["warmup"]]
            if not runs:
                continue
            seconds = [r["seconds"] for r in runs]
            median = statistics.median(seconds)
            entry[side] = dict(
                rounds_s=[round(s, 3) for s in seconds],
                median_s=round(median, 3),
                rate=round(rate(unit, runs[0]["bytes"], runs[0]["ops"], median), 2),
                rates=[round(rate(unit, r["bytes"], r["ops"], r["seconds"]), 2) for r in runs],
                bytes=runs[0]["bytes"], ops=runs[0]["ops"])
            if side == "bridge":
                peaks = [r["rss_kib"] for r in runs if r["rss_kib"]]
                entry["bridge_peak_rss_mib"] = round(max(peaks) / 1024) if peaks else None
                entry["bridge_peak_rss_mib_rounds"] = [round(p / 1024) for p in peaks]
        shared = next((e["baseline"] for e in results if e["scenario"] == SHARED_BASELINE.get(key) and "baseline" in e),
                      None)
        if shared and "baseline" not in entry:
            entry["baseline"] = shared
        if "bridge" in entry and "baseline" in entry:
            entry["ratio"] = round(entry["bridge"]["rate"] / entry["baseline"]["rate"], 3)
        # Extras of measured rounds (errors, first byte, heap readings) as lists beside the round times; those of
        # an extra pass (the LIST's heap pass, round "heap") under "<side>_<pass>".
        for x in (x for x in extras if x["scenario"] == key):
            if x["round"].isdigit():
                entry[x["side"]].setdefault(x["name"], []).append(x["value"])
            else:
                entry.setdefault(f"{x['side']}_{x['round']}", {})[x["name"]] = x["value"]
        ceiling = ratio_ceiling(entry, meta["host"]["cores"])
        if ceiling:
            entry["ratio_ceiling"] = ceiling
        results.append(entry)
    return results


def ratio_ceiling(entry, cores):
    """The ratio the bridge side would reach if the bridge itself used no CPU: the baseline's time over the least time
    that the client's and the store's CPU in the bridge's rounds (medians) leave possible. None without CPU figures."""
    b = entry.get("bridge", {})
    if "baseline" not in entry or "cpu_client_ms" not in b or "cpu_store_ms" not in b:
        return None
    client = statistics.median(b["cpu_client_ms"]) / 1000
    store = statistics.median(b["cpu_store_ms"]) / 1000
    if entry["scenario"] in SERIAL_SCENARIOS:
        least = client + store
    elif entry["scenario"] in ONE_CLIENT_THREAD:
        least = max(client, (client + store) / cores)
    else:
        least = (client + store) / cores
    return round(entry["baseline"]["median_s"] / least, 3) if least > 0 else None


def details(results, meta):
    """One line per scenario whose figures do not fit the table: errors, first byte, heap, against the targets."""
    opts = meta["options"]
    lines = []
    for e in results:
        b, d = e.get("bridge", {}), e.get("baseline", {})
        if e["scenario"] == "sessions":
            errors = lambda side: ", ".join(str(n) for n in side.get("errors", [])) or "-"
            steps = ", ".join(f"{step} {sum(b[f'errors_at_{step}'])}" for step in ("login", "STOR", "RETR", "QUIT")
                              if sum(b.get(f"errors_at_{step}", [])))
            lines.append(f"{e['label']}: failed sessions per round, bridge {errors(b)}" + (f" (at {steps})" if steps else "")
                         + f", baseline {errors(d)} (target 0); "
                         f"bridge peak RSS {e['bridge_peak_rss_mib']} MiB (target < {TARGET_SESSIONS_PEAK_RSS_MIB} MiB"
                         + (f", JVM options '{opts['bridge_java_opts']}'" if opts["bridge_java_opts"] else ", default JVM options")
                         + f"); clients from {opts['session_sources']} loopback addresses, per-address cap at its default")
        elif e["scenario"] == "small-files-stock" and d:
            lines.append(f"{e['label']}: the same files from ftplib's own storbinary() (TYPE I before each STOR, waits "
                         f"for the server's close_notify, no TCP_NODELAY); ratio against the direct PutObject rate above")
        elif e["scenario"] == "list":
            first_b = statistics.median(b["first_byte_ns"]) / 1e9
            first_d = statistics.median(d["first_byte_ns"]) / 1e9
            heap = e.get("bridge_heap", {})
            lines.append(f"{e['label']}: first byte {first_b:.3f} s through the bridge (target < {TARGET_LIST_FIRST_BYTE_S:.0f} s), "
                         f"first page {first_d:.3f} s direct; total {b['median_s']:.2f} s vs {d['median_s']:.2f} s = "
                         f"{b['median_s'] / d['median_s']:.2f}x direct paging (target <= {TARGET_LIST_TIME_VS_DIRECT}x)")
            if heap:
                lines.append(f"  bridge heap after full GC: {heap['heap_before_kib'] / 1024:.1f} MiB before the LIST, at most "
                             f"{heap['heap_during_max_kib'] / 1024:.1f} MiB during it ({heap['heap_during_samples']} readings), "
                             f"{heap['heap_after_kib'] / 1024:.1f} MiB after (target: flat)")
        elif e["scenario"] == "idle-sessions":
            x = {name: b[name][0] for name in ("heap_before_kib", "heap_open_kib", "heap_closed_kib", "rss_before_kib",
                                               "rss_open_kib", "failed", "alive")}  # one round
            n = b["ops"]
            per_heap = (x["heap_open_kib"] - x["heap_before_kib"]) / n if n else float("nan")
            per_rss = (x["rss_open_kib"] - x["rss_before_kib"]) / n if n else float("nan")
            lines.append(f"{e['label']} ({meta['setup']['idle_sessions_bridge']}): {n} opened, {x['failed']} failed, "
                         f"{x['alive']} answered NOOP after a full GC")
            lines.append(f"  heap after full GC {x['heap_before_kib'] / 1024:.1f} -> {x['heap_open_kib'] / 1024:.1f} MiB = "
                         f"{per_heap:.1f} KiB per session (target < {TARGET_HEAP_PER_IDLE_SESSION_KIB} KiB), "
                         f"{x['heap_closed_kib'] / 1024:.1f} MiB once closed; RSS {x['rss_before_kib'] / 1024:.0f} -> "
                         f"{x['rss_open_kib'] / 1024:.0f} MiB = {per_rss:.1f} KiB per session")
    return lines


def warmup(rows):
    """The warm-up transfers, in order: how fast the JVMs were before they were warm."""
    out = []
    for key, (_, unit) in SCENARIOS.items():
        for side in ("bridge", "baseline"):
            runs = [r for r in rows if r["scenario"] == key and r["side"] == side and r["warmup"]]
            if runs:
                out.append(dict(scenario=key, side=side, unit=unit, rounds=[r["round"] for r in runs],
                                seconds=[round(r["seconds"], 3) for r in runs],
                                rates=[round(rate(unit, r["bytes"], r["ops"], r["seconds"]), 2) for r in runs]))
    return out


def aligned(lines, text_columns):
    """Rows of cells as text columns: the first text_columns left-aligned, the rest right-aligned, a rule under the
    head row."""
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    out = []
    for n, row in enumerate(lines):
        out.append("  ".join(cell.ljust(w) if i < text_columns else cell.rjust(w)
                             for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def table(results, meta):
    head = ("scenario", "bridge s", "bridge rate", "baseline s", "baseline rate", "ratio", "ceiling", "bridge peak RSS")
    lines = [head]
    for e in results:
        b, d = e.get("bridge"), e.get("baseline")
        lines.append((e["label"],
                      f"{b['median_s']:.2f}" if b else "-", f"{b['rate']:.1f} {e['unit']}" if b else "-",
                      f"{d['median_s']:.2f}" if d else "-", f"{d['rate']:.1f} {e['unit']}" if d else "-",
                      f"{e['ratio']:.2f}" if "ratio" in e else "-",
                      f"{e['ratio_ceiling']:.2f}" if "ratio_ceiling" in e else "-",
                      f"{e['bridge_peak_rss_mib']} MiB" if e.get("bridge_peak_rss_mib") else "-"))
    startup = meta["startup"]
    if startup:
        lines.append(("startup to 220 greeting", f"{startup['ms'] / 1000:.2f}", "-", "-", "-", "-", "-",
                      f"{startup['rss_mib']} MiB"))
    return aligned(lines, 1)


CPU_COLUMNS = (("bridge", "cpu_bridge_ms"), ("S3 store", "cpu_store_ms"), ("client", "cpu_client_ms"))


def cpu_table(results, cores):
    """CPU seconds each process used per measured round (medians), against the round's elapsed time."""
    head = ("scenario", "side", "elapsed s") + tuple(f"{name} CPU s" for name, _ in CPU_COLUMNS) + ("total", "cores busy")
    lines = [head]
    for e in results:
        for side in ("bridge", "baseline"):
            x = e.get(side, {})
            if "cpu_client_ms" not in x or (side == "baseline" and e["scenario"] in SHARED_BASELINE):
                continue
            per_round = [sum(x[key][i] for _, key in CPU_COLUMNS if key in x) for i in range(len(x["cpu_client_ms"]))]
            total = statistics.median(per_round) / 1000
            lines.append((e["label"] if side == "bridge" or "bridge" not in e else "", side, f"{x['median_s']:.2f}")
                         + tuple(f"{statistics.median(x[key]) / 1000:.2f}" if key in x else "-" for _, key in CPU_COLUMNS)
                         + (f"{total:.2f}", f"{total / x['median_s']:.2f} of {cores}"))
    if len(lines) == 1:
        return ""
    return aligned(lines, 2)


def chart(results, work, png, title):
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        print("gnuplot not found: no chart", file=sys.stderr)
        return False
    data = work / "ratios.dat"
    bars = [e for e in results if "ratio" in e]
    if not bars:
        print("no scenario with a baseline ran: no chart", file=sys.stderr)
        return False
    # A ceiling of "-" (no CPU figures) leaves the point out; gnuplot skips missing values.
    data.write_text("".join(f"\"{e['label']}\" {e['ratio']} {e.get('ratio_ceiling', '-')}\n" for e in bars))
    top = max([1.2] + [e["ratio"] * 1.15 for e in bars] + [min(e.get("ratio_ceiling", 0), 3) * 1.1 for e in bars])
    script = f"""
set terminal pngcairo size {max(900, 270 * len(bars))},520 font ",11"
set output '{png}'
set title "{title}"
set ylabel "bridge / direct SDK throughput (higher is better)"
set xrange [-0.5:{len(bars) - 0.5}]
set yrange [0:{top:.2f}]
set grid ytics
set boxwidth 0.6
set style fill solid 0.85 border -1
set key top right
set datafile missing '-'
plot '{data}' using 0:2:xtic(1) with boxes lc rgb '#3b6ea8' notitle, \\
     '' using 0:2:(sprintf('%.2f', $2)) with labels offset 0,1 notitle, \\
     '' using 0:3 with points pt 9 ps 1.6 lc rgb '#e67e22' title 'ceiling: the bridge at zero CPU', \\
     1 with lines dt 2 lw 2 lc rgb '#c0392b' title 'parity (1.0)'
"""
    (work / "chart.gp").write_text(script)
    subprocess.run([gnuplot, str(work / "chart.gp")], check=True)
    return True


def main():
    work, json_out, png_out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    rows, extras, checks, meta = load(work)
    results = summarise(rows, extras, meta)
    warm = warmup(rows)
    opts = meta["options"]
    document = dict(meta, aggregate=f"median of {opts['rounds']} rounds, {opts['list_rounds']} for LIST "
                                    "(for 2 rounds: their mean)",
                    ratio="bridge throughput / baseline throughput", scenarios=results, warmup=warm, checks=checks,
                    all_checks_ok=all(c["ok"] for c in checks))
    json_out.write_text(json.dumps(document, indent=2) + "\n")
    print(table(results, meta))
    print(f"\nTimes and rates: {document['aggregate']} after the warm-up; ratio = bridge/baseline throughput (1.0 = parity).")
    print("ceiling = the ratio if the bridge itself used no CPU, left by the CPU that its client and the store used in "
          "the bridge's rounds (table below): their sum where requests go one at a time (small files), else the "
          "client's own or the two's over the cores, whichever is more.")
    for line in details(results, meta):
        print(line)
    cpu = cpu_table(results, meta["host"]["cores"])
    if cpu:
        print("\nCPU time of each process per measured round (user + system, medians). The bridge's client is curl or "
              "python, counted whole (its start and login too, which LIST's elapsed time leaves out); the baseline's is "
              "the DirectS3 JVM. Cores busy = total / elapsed:")
        print(cpu)
    startup = meta["startup"]
    if startup and "runs_ms" in startup:
        print(f"startup to 220 greeting: median of {len(startup['runs_ms'])} launches, each a fresh JVM; "
              + ", ".join(str(ms) for ms in startup["runs_ms"]) + " ms (target < 1500 ms)")
    if warm:
        print("Warm-up, not in the table (rates in order, first = cold JVM): " + "; ".join(
            f"{w['side']} {w['scenario']} " + ", ".join(f"{x:.1f}" for x in w["rates"]) + f" {w['unit']}" for w in warm))
    failed = [c for c in checks if not c["ok"]]
    print(f"Byte checks: {len(checks) - len(failed)}/{len(checks)} passed"
          + "".join(f"\n  FAILED {c['check']}: expected {c['expected']}, got {c['actual']}" for c in failed))
    title = f"FTPS bridge vs direct S3 SDK, {meta['host']['cores']} cores shared ({meta['timestamp']})"
    if not chart(results, work, png_out, title):
        png_out.unlink(missing_ok=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
