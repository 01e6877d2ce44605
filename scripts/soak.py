#!/usr/bin/env python3
"""Soak: one writer adding and replacing articles while readers search, for a fixed time.

    scripts/soak.py [--minutes 10] [--readers 4] [--build build] [--work build/soak]

The writer runs newsdex-index over and over on batches of new articles and new versions of
earlier ones (committing every 25 articles); each reader is one long-running
`newsdex-query --queries -` (a Searcher kept open, as an embedding program keeps one) asking,
in turn, for a word of the archive and for a version token. Every article version carries its
token in its title and its body (`soak7v3` is version 3 of article 7): a hit found by a token
whose title names another version is a result from a half-written or mixed-up article.

Checked: every reader line is valid JSON, no error other than the documented ones, no mixed
version, and each reader's resident memory at the start and the end (a leak grows it). Prints
one JSON summary line; exit 0 when nothing went wrong. Local files and pipes only.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time

WORDS = ["oil", "cocoa", "wheat", "bank", "dollar", "trade", "gold", "shares", "profit",
         "interest rates", "opec", "coffee", "japan", "grain", "tonnes"]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def article(n, version):
    token = f"soak{n}v{version}"
    return {"id": f"soak-{n}", "outlet": "Soak Wire", "date": "2026-12-04",
            "title": f"{token} update on grain shipments",
            "body": f"{token} Grain shipments resumed on day {version} of the test. " * 5}


class Reader(threading.Thread):
    def __init__(self, build, db, deadline, seed):
        super().__init__(daemon=True)
        self.proc = subprocess.Popen(
            [f"{build}/bin/newsdex-query", "--db", db, "--queries", "-", "--format", "json",
             "--limit", "10"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1)
        self.deadline = deadline
        self.random = random.Random(seed)
        self.queries = 0
        self.errors = []
        self.mixed = []
        self.token_queries = 0
        self.token_hits = 0
        self.rss_start = 0
        self.rss_end = 0
        self.latest = {}  # token queries: the newest version known to the writer

    def run(self):
        time.sleep(0.5)
        self.rss_start = rss_kb(self.proc.pid)
        while time.time() < self.deadline:
            token_query = self.random.random() < 0.5 and self.latest
            if token_query:
                n = self.random.choice(list(self.latest))
                v = self.random.randint(1, self.latest[n])
                query = f"soak{n}v{v}"
            else:
                query = self.random.choice(WORDS)
            self.proc.stdin.write(f"{self.queries}\t{query}\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
            if not line:
                self.errors.append("reader exited: " + self.proc.stderr.read()[-500:])
                return
            self.queries += 1
            try:
                result = json.loads(line)
            except ValueError:
                self.errors.append("invalid JSON: " + line[:200])
                continue
            if "error" in result:
                self.errors.append(json.dumps(result["error"])[:300])
                continue
            if token_query:
                self.token_queries += 1
                self.token_hits += len(result["hits"])
                for hit in result["hits"]:
                    if not hit["title"].startswith(query + " "):
                        self.mixed.append((query, hit["id"], hit["title"]))
            if self.queries % 200 == 0:
                self.rss_end = rss_kb(self.proc.pid)
        self.rss_end = rss_kb(self.proc.pid)
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--build", default="build")
    parser.add_argument("--work", default="build/soak")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    db = os.path.join(args.work, "soak.db")
    index = f"{args.build}/bin/newsdex-index"
    base = subprocess.run([index, "--quiet", "--db", db, "corpora/seeds",
                           "corpora/reuters21578/reuters21578.jsonl.gz"],
                          capture_output=True, text=True)
    if base.returncode not in (0, 3):
        sys.exit("building the base archive failed: " + base.stderr[-500:])

    deadline = time.time() + args.minutes * 60
    readers = [Reader(args.build, db, deadline, args.seed + i) for i in range(args.readers)]
    rng = random.Random(args.seed)
    versions = {}
    for r in readers:
        r.start()
    runs = added = replaced = 0
    writer_errors = []
    batch_file = os.path.join(args.work, "batch.jsonl")
    while time.time() < deadline:
        lines = []
        for _ in range(50):
            if versions and rng.random() < 0.4:
                n = rng.choice(list(versions))
                replaced += 1
            else:
                n = len(versions) + 1
                added += 1
            versions[n] = versions.get(n, 0) + 1
            lines.append(json.dumps(article(n, versions[n])))
        with open(batch_file, "w") as f:
            f.write("\n".join(lines) + "\n")
        run = subprocess.run([index, "--quiet", "--db", db, "--batch", "25", batch_file],
                             capture_output=True, text=True)
        runs += 1
        if run.returncode != 0:
            writer_errors.append(f"exit {run.returncode}: {run.stderr[-300:]}")
        # Readers ask for versions the writer has committed.
        committed = dict(versions)
        for r in readers:
            r.latest = committed
    for r in readers:
        r.join(timeout=60)
    summary = {
        "minutes": args.minutes,
        "writer_runs": runs, "articles_added": added, "articles_replaced": replaced,
        "writer_errors": writer_errors[:5], "writer_error_count": len(writer_errors),
        "queries": sum(r.queries for r in readers),
        "token_queries": sum(r.token_queries for r in readers),
        "token_hits_checked": sum(r.token_hits for r in readers),
        "reader_errors": [e for r in readers for e in r.errors][:5],
        "reader_error_count": sum(len(r.errors) for r in readers),
        "mixed_versions": [m for r in readers for m in r.mixed][:5],
        "mixed_version_count": sum(len(r.mixed) for r in readers),
        "reader_rss_kb": [[r.rss_start, r.rss_end] for r in readers],
    }
    print(json.dumps(summary))
    ok = not writer_errors and not summary["reader_error_count"] and not summary["mixed_version_count"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
