#!/usr/bin/env python3
"""Turns a growth-benchmark JSON (newsdex_growth_bench) into a summary table, plots and
PASS/FAIL lines for the growth targets; optionally compares with an earlier run.

Usage: bench-report.py RESULT.json [--docs docs/benchmarks.md] [--plots DIR] [--compare OLD.json]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict

CLASSES = ["word_frequent", "word_rare", "or_2_4", "and_2_4", "phrase", "filtered", "faceted"]
BEGIN, END = "<!-- growth:begin -->", "<!-- growth:end -->"


def load(path):
    with open(path) as f:
        data = json.load(f)
    index = defaultdict(dict)  # size -> engine -> counters
    query = defaultdict(dict)  # size -> (class, engine) -> counters
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" or b.get("error_occurred"):
            continue
        # Google Benchmark appends run settings ("iterations:1", "manual_time") to the name.
        parts = [p for p in b["name"].split("/") if ":" not in p and not p.endswith("_time")]
        if parts[0] == "index" and len(parts) >= 3:
            index[int(parts[1])]["/".join(parts[2:])] = b
        elif parts[0] == "query" and len(parts) >= 4:
            query[int(parts[1])][(parts[2], parts[3])] = b
    return data, index, query


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def human(n):
    return f"{n // 1000000}M" if n >= 1000000 else f"{n // 1000}k" if n >= 1000 else str(n)


def newsdex_engines(index):
    names = set()
    for engines in index.values():
        names.update(e for e in engines if e.startswith("newsdex/"))
    return sorted(names, key=lambda e: int(e.split("jobs")[1]))


def has_lucene(index, query):
    """Runs before Lucene joined the suite have no Lucene cases: their tables stay as they were."""
    return any("lucene" in e for e in index.values()) or any(
        engine == "lucene" for cases in query.values() for _, engine in cases)


def peers(index, query):
    """The peer engines of a run: (result name, label)."""
    return [("fts5", "FTS5")] + ([("lucene", "Lucene")] if has_lucene(index, query) else [])


def table(data, index, query):
    ctx = data["context"]
    sizes = sorted(index)
    nx = newsdex_engines(index)
    others = peers(index, query)
    labels = [label for _, label in others]
    slash = " / ".join(labels)
    lines = [
        f"Run {ctx.get('date', '')[:10]} on {cpu_model()}, {ctx.get('num_cpus')} cores; "
        f"corpora from `newsdex-gen --seed 7`.",
        "",
        "Indexing (articles/s, text MB/s, peak RSS, index bytes per article):",
        "",
        "| articles | " + " | ".join(f"newsdex {e.split('/')[1]}" for e in nx)
        + "".join(f" | {label}" for label in labels) + " | newsdex MB/s"
        + "".join(f" | {label} MB/s" for label in labels)
        + f" | peak RSS newsdex / {slash} | bytes/article newsdex / {slash} |",
        "|---" * (len(nx) + 4 + 2 * len(others)) + "|",
    ]
    for n in sizes:
        e = index[n]
        best = e.get(nx[-1], {}) if nx else {}
        peer = [e.get(name, {}) for name, _ in others]
        cells = [human(n)]
        cells += [f"{e[x]['articles_per_s']:,.0f}" if x in e else "–" for x in nx]
        cells += [f"{b['articles_per_s']:,.0f}" if b else "–" for b in peer]
        cells.append(f"{best.get('MB_per_s', 0):.2f}")
        cells += [f"{b.get('MB_per_s', 0):.2f}" for b in peer]
        cells.append(" / ".join(f"{b.get('peak_rss_mb', 0):.0f}" for b in [best] + peer) + " MB")
        cells.append(" / ".join(f"{b.get('bytes_per_article', 0):,.0f}" for b in [best] + peer))
        lines.append("| " + " | ".join(cells) + " |")
    if has_lucene(index, query):
        # Wall time less the JVM's own clock: its start-up (absent from runs before jvm_seconds).
        startup = [b["real_time"] - b["jvm_seconds"] for e in index.values()
                   for b in [e.get("lucene")] if b and b.get("jvm_seconds")]
        start = f" ({min(startup):.2f}–{max(startup):.2f} s here)" if startup else ""
        lines += ["", f"Lucene's indexing times include starting its JVM{start} and its JIT "
                  "warming up; its query latencies are the JVM's own clock, after untimed "
                  "passes over each class (`NEWSDEX_BENCH_LUCENE_WARMUP` seconds, default 5)."]
    lines += ["", f"Query latency, p50 / p95 / p99 in ms (newsdex | {' | '.join(labels)}):", ""]
    lines.append("| articles | class | newsdex | " + " | ".join(labels) + " |")
    lines.append("|---|---|---|" + "---|" * len(labels))
    for n in sizes:
        for c in CLASSES:
            row = [human(n), c]
            for engine in ["newsdex"] + [name for name, _ in others]:
                b = query[n].get((c, engine))
                row.append(f"{b['p50_ms']:.2f} / {b['p95_ms']:.2f} / {b['p99_ms']:.2f}" if b else "–")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def targets(index, query):
    """The growth targets of issue 7, as PASS/FAIL lines."""
    out = []
    sizes = sorted(index)
    nx = newsdex_engines(index)
    if not sizes or not nx or 10000 not in index or max(sizes) <= 10000:
        return ["SKIP growth targets: they compare 10k with a larger size (run without --sizes)"]
    big = max(sizes)
    label = human(big)
    note = "" if big >= 1000000 else f" (1M not run: checked at {label}; use --large)"
    all_cores = nx[-1]

    def verdict(ok, text):
        out.append(("PASS " if ok else "FAIL ") + text + note)

    for engine in nx:
        base, top = index[10000].get(engine), index[big].get(engine)
        if base and top:
            ratio = top["articles_per_s"] / base["articles_per_s"]
            verdict(ratio >= 0.75, f"indexing throughput ({engine}) at {label} is {ratio:.0%} of "
                    f"10k's ({top['articles_per_s']:,.0f} vs {base['articles_per_s']:,.0f} "
                    f"articles/s; >= 75%)")
    base, top = index[10000].get(all_cores), index[big].get(all_cores)
    if base and top:
        change = top["bytes_per_article"] / base["bytes_per_article"] - 1
        verdict(abs(change) <= 0.20, f"index bytes per article {base['bytes_per_article']:,.0f} at 10k, "
                f"{top['bytes_per_article']:,.0f} at {label} ({change:+.0%}; within ±20%)")
        rss = max(index[big][e]["peak_rss_mb"] for e in nx if e in index[big])
        verdict(rss < 1536, f"peak RSS indexing {label}: {rss:.0f} MB (< 1536 MB)")
    allowed = (big / 10000) ** 0.7
    for c in ("or_2_4", "and_2_4"):
        a, b = query[10000].get((c, "newsdex")), query[big].get((c, "newsdex"))
        if a and b:
            growth = b["p50_ms"] / a["p50_ms"]
            verdict(growth <= allowed, f"{c} p50 grows {growth:.2f}x from 10k to {label} "
                    f"({a['p50_ms']:.2f} -> {b['p50_ms']:.2f} ms; allowed N^0.7 = {allowed:.2f}x)")
    for c in CLASSES:
        a, b = query[big].get((c, "newsdex")), query[big].get((c, "fts5"))
        if a and b:
            verdict(a["p50_ms"] < b["p50_ms"], f"{c} at {label}: newsdex p50 {a['p50_ms']:.2f} ms "
                    f"vs FTS5 {b['p50_ms']:.2f} ms")
    return out


def plots(index, query, folder):
    os.makedirs(folder, exist_ok=True)
    sizes = sorted(index)
    nx = newsdex_engines(index)
    others = peers(index, query)
    names = [name for name, _ in others]
    dat = os.path.join(folder, "growth.dat")
    with open(dat, "w") as f:
        for c in CLASSES:
            f.write(f"# latency {c}\n")
            for n in sizes:
                a = query[n].get((c, "newsdex"))
                if a:
                    f.write(f"{n} {a['p50_ms']} " + " ".join(
                        str(query[n][(c, x)]["p50_ms"]) if (c, x) in query[n] else "NaN"
                        for x in names) + "\n")
            f.write("\n\n")
        f.write("# indexing\n")
        for n in sizes:
            e = index[n]
            f.write(f"{n} " + " ".join(str(e[x]["articles_per_s"]) if x in e else "NaN" for x in nx + names) + "\n")
        f.write("\n\n# index size\n")
        for n in sizes:
            e = index[n]
            f.write(f"{n} " + " ".join(str(e[x]["bytes_per_article"] * n) if x in e else "NaN"
                                       for x in nx[-1:] + names) + "\n")
    indexing_block = len(CLASSES)
    script = [f'datafile = "{os.path.abspath(dat)}"', "set key left top", "set grid",
              "set logscale x", f"set xrange [{sizes[0] / 2}:{sizes[-1] * 2}]",
              "set xlabel 'articles in the corpus'"]
    for ext, term in (("svg", "svg size 900,600 dynamic"), ("png", "pngcairo size 900,600")):
        script += [
            f"set terminal {term} noenhanced",
            f"set output '{os.path.abspath(os.path.join(folder, 'latency.' + ext))}'",
            "set logscale y", "set ylabel 'p50 latency (ms)'",
            "set title 'Query latency vs corpus size (solid: newsdex, dashed: SQLite FTS5"
            + (", dotted: Lucene" if "lucene" in names else "") + ")'",
            "plot " + ", ".join(
                f"datafile index {i} using 1:2 with linespoints lc {i + 1} dt 1 title '{c}'"
                + "".join(f", datafile index {i} using 1:{j + 3} with linespoints lc {i + 1} "
                          f"dt {j + 2} notitle" for j in range(len(names)))
                for i, c in enumerate(CLASSES)),
            f"set output '{os.path.abspath(os.path.join(folder, 'indexing.' + ext))}'",
            "unset logscale y", "set yrange [0:*]", "set ylabel 'articles indexed per second'",
            "set title 'Indexing throughput vs corpus size'",
            "plot " + ", ".join(
                f"datafile index {indexing_block} using 1:{j + 2} with linespoints title '{name}'"
                for j, name in enumerate([f"newsdex {e.split('/')[1]}" for e in nx]
                                         + ["SQLite FTS5" if x == "fts5" else "Lucene" for x in names])),
            "set autoscale y",
            f"set output '{os.path.abspath(os.path.join(folder, 'index-size.' + ext))}'",
            "set logscale y", "set ylabel 'index size (bytes)'",
            "set title 'Index size vs corpus size'",
            f"plot datafile index {indexing_block + 1} using 1:2 with linespoints title 'newsdex'"
            + "".join(f", datafile index {indexing_block + 1} using 1:{j + 3} with linespoints "
                      f"title '{'SQLite FTS5' if x == 'fts5' else 'Lucene'}'"
                      for j, x in enumerate(names)),
            "unset logscale y",
        ]
    gp = os.path.join(folder, "growth.gp")
    with open(gp, "w") as f:
        f.write("\n".join(script) + "\n")
    subprocess.run(["gnuplot", gp], check=True)


def compare(old_path, new_data):
    def metrics(data):
        out = {}
        for b in data["benchmarks"]:
            if b.get("run_type") == "aggregate" or b.get("error_occurred"):
                continue
            for key in ("articles_per_s", "p50_ms", "p99_ms", "peak_rss_mb", "bytes_per_article"):
                if key in b:
                    out[(b["name"], key)] = b[key]
        return out

    with open(old_path) as f:
        old = metrics(json.load(f))
    new = metrics(new_data)
    lines = [f"Compared with {old_path} (+ is more; for *_ms, rss and bytes, more is worse):"]
    for key in sorted(new):
        if key in old and old[key]:
            change = new[key] / old[key] - 1
            worse = change > 0.10 if key[1] != "articles_per_s" else change < -0.10
            lines.append(f"  {'REGRESSION ' if worse else ''}{key[0]} {key[1]}: "
                         f"{old[key]:.4g} -> {new[key]:.4g} ({change:+.1%})")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("result")
    parser.add_argument("--docs")
    parser.add_argument("--plots")
    parser.add_argument("--compare")
    parser.add_argument("--command", default="scripts/bench.sh")
    args = parser.parse_args()
    data, index, query = load(args.result)
    summary = table(data, index, query)
    verdicts = targets(index, query)
    print(summary)
    print()
    print("\n".join(verdicts))
    if args.compare:
        print()
        print("\n".join(compare(args.compare, data)))
    if args.plots:
        plots(index, query, args.plots)
    if args.docs:
        with open(args.docs) as f:
            doc = f.read()
        rel = os.path.relpath(args.plots, os.path.dirname(args.docs)) if args.plots else None
        block = [BEGIN, "", f"Produced by `{args.command}` (raw results: `{args.result}`).", "",
                 summary, "", "Growth targets:", "", "```", *verdicts, "```", ""]
        if rel:
            block += [f"![latency]({rel}/latency.svg)", "", f"![indexing]({rel}/indexing.svg)", "",
                      f"![index size]({rel}/index-size.svg)", ""]
        block.append(END)
        text = "\n".join(block)
        if BEGIN in doc:
            doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: text, doc, flags=re.S)
        else:
            doc = doc.rstrip() + "\n\n## Corpus growth (issue 7)\n\n" + text + "\n"
        with open(args.docs, "w") as f:
            f.write(doc)
    return 3 if any(v.startswith("FAIL") for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
