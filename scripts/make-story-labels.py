#!/usr/bin/env python3
"""Builds the story-clustering evaluation set in bench/stories/ (README.md there says how).

Two jobs, both deterministic (fixed seeds, stable sort orders):

  scripts/make-story-labels.py candidates --out DIR
      Writes candidate pairs for labelling to DIR (never to bench/stories/labels.tsv, which
      holds the curated, hand-checked labels):
        near-copy.tsv      body 5-word-shingle Jaccard >= 0.6 within +-3 days (all of them)
        near-copy-sample.tsv  the fixed sample of 80 of those that was checked by hand
        same-event.tsv     TF-IDF cosine 0.25..0.6 within +-3 days, not near-copies
        hard-negative.tsv  same topic, within +-3 days, templated items (earnings, dividends,
                           commodity market reports, money-market operations) whose titles
                           name different companies/markets, ranked by cosine
      Columns: a_id b_id score a_date b_date a_title b_title.

  scripts/make-story-labels.py paraphrases [--edits bench/stories/paraphrase-edits.jsonl]
                                           [--out bench/stories/paraphrases.jsonl]
      Rewrites a fixed sample of Reuters articles (body >= 120 words) mechanically (synonym
      table, "X said" -> "according to X", sentences dropped and partly reordered), then
      applies the hand edits (new headline, new lead sentence) from the edits file, and
      writes paraphrases.jsonl. Also prints the `paraphrase` label rows (to stdout).

  scripts/make-story-labels.py check
      Checks labels.tsv: ids exist, no pair twice, no `different` pair inside a component of
      `same` pairs, and prints counts per kind and label.
"""
import argparse
import collections
import datetime
import gzip
import json
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from story_labels import read_labels  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpora/reuters21578/reuters21578.jsonl.gz")
STORIES = os.path.join(ROOT, "bench/stories")
WINDOW_DAYS = 3

STOP = set("""a an and are as at be been but by for from has have he her his i in is it its of
on or that the their there they this to was were which will with would said says say mln pct
not also after than over up into more about year last reuter reuters""".split())


def load_reuters(path=CORPUS):
    arts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts.append(a)
    return arts


def day(a):
    d = a.get("date")
    if not d:
        return None
    return datetime.date.fromisoformat(d[:10]).toordinal()


def words(text):
    return re.findall(r"[a-z0-9]+(?:[.,/'-][a-z0-9]+)*", (text or "").lower())


def num_id(i):
    return int(i.rsplit("-", 1)[1])


def pair_key(a, b):
    return (a, b) if num_id(a) < num_id(b) else (b, a)


# ---------------------------------------------------------------- near-copies (shingles)

def shingles(a, k=5):
    w = words(a.get("body"))
    return {hash(" ".join(w[i:i + k])) for i in range(max(0, len(w) - k + 1))}


def near_copies(arts, threshold=0.6):
    sh = {}
    post = collections.defaultdict(list)
    for a in arts:
        if day(a) is None:
            continue
        s = shingles(a)
        if len(s) < 5:
            continue
        sh[a["id"]] = s
        for h in s:
            post[h].append(a["id"])
    byid = {a["id"]: a for a in arts}
    shared = collections.Counter()
    for h, ids in post.items():
        if len(ids) < 2 or len(ids) > 30:
            continue
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                shared[pair_key(ids[i], ids[j])] += 1
    out = []
    for (x, y), n in shared.items():
        if abs(day(byid[x]) - day(byid[y])) > WINDOW_DAYS:
            continue
        jac = len(sh[x] & sh[y]) / len(sh[x] | sh[y])
        if jac >= threshold:
            out.append((x, y, jac))
    out.sort(key=lambda t: (num_id(t[0]), num_id(t[1])))
    return out


# ---------------------------------------------------------------- TF-IDF cosine

def tfidf(arts):
    df = collections.Counter()
    toks = {}
    for a in arts:
        t = [w for w in words(a.get("body")) if w not in STOP and len(w) > 1]
        toks[a["id"]] = t
        df.update(set(t))
    n = len(arts)
    vecs = {}
    for i, t in toks.items():
        tf = collections.Counter(t)
        v = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs[i] = {w: x / norm for w, x in v.items()}
    return vecs


def cosine(u, v):
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v.get(w, 0.0) for w, x in u.items())


def cosine_candidates(arts, vecs, top=12, min_shared=2):
    """Pairs within the window sharing >= min_shared of each other's top TF-IDF terms."""
    byid = {a["id"]: a for a in arts}
    post = collections.defaultdict(list)
    for i, v in vecs.items():
        if day(byid[i]) is None:
            continue
        for w, _ in sorted(v.items(), key=lambda t: (-t[1], t[0]))[:top]:
            post[w].append(i)
    shared = collections.Counter()
    for w, ids in post.items():
        if len(ids) > 400:
            continue
        ids.sort(key=lambda i: day(byid[i]))
        for x in range(len(ids)):
            dx = day(byid[ids[x]])
            for y in range(x + 1, len(ids)):
                if day(byid[ids[y]]) - dx > WINDOW_DAYS:
                    break
                shared[pair_key(ids[x], ids[y])] += 1
    out = {}
    for p, n in shared.items():
        if n >= min_shared:
            out[p] = cosine(vecs[p[0]], vecs[p[1]])
    return out


# ---------------------------------------------------------------- templated items

TEMPLATES = [
    ("earnings", re.compile(r"\b(QTR|QUARTER|YEAR|NINE MTHS|6 MTHS|1ST HALF)\b.*\b(NET|LOSS|PROFIT|EARNINGS|SHR)\b")),
    ("dividend", re.compile(r"\b(DIVIDEND|DIV|QUARTERLY|QTLY|PAYOUT)\b")),
    ("hogs", re.compile(r"^([A-Z][A-Z .'/-]+?) (DIRECT )?HOGS\b")),
    ("money-market", re.compile(r"MONEY MARKET|BANK OF ENGLAND|^FED (ADDS|EXPECTED|NOT|SETS|DRAINS)|BUNDESBANK.*(REPURCHASE|LIQUIDITY|TENDER)|BANK OF FRANCE.*(TENDER|INTERVENTION)|BANK OF JAPAN.*(BILLS|SELL)")),
]
CENTRAL_BANKS = [("uk", r"U\.?K\.? MONEY|BANK OF ENGLAND"), ("us", r"^FED "), ("de", r"BUNDESBANK"),
                 ("fr", r"BANK OF FRANCE"), ("jp", r"BANK OF JAPAN")]


def template_of(title):
    for name, rx in TEMPLATES:
        if rx.search(title or ""):
            return name
    return None


def ticker(title):
    m = re.search(r"<([A-Z.]+?)(\.[A-Z])?>", title or "")
    return m.group(1) if m else None


def subject(title, tpl):
    """What a templated headline is about: company, hog market or central bank."""
    t = title or ""
    if tpl == "hogs":
        return re.sub(r"^FLASH ", "", TEMPLATES[2][1].search(t).group(1).strip())
    if tpl == "money-market":
        for name, rx in CENTRAL_BANKS:
            if re.search(rx, t):
                return name
        return None
    t = re.sub(r"^[<(]([^>)]*)[>)]", r"\1", t.upper().strip())  # "<COMPANY LTD> YEAR NET"
    t = re.sub(r"^FLASH ", "", t)
    t = re.sub(r"<[^>]*>|\([^)]*\)", " ", t)
    w = [x for x in re.findall(r"[A-Z0-9&'.-]+", t) if x not in ("INC", "CORP", "CO", "LTD", "THE", "PLC")]
    return " ".join(w[:1])


def hard_negative_candidates(arts, vecs, per_template=40, seed=11):
    """Pairs of templated items within the window that are different events: different companies
    (earnings, dividends), different hog markets or the same market on different days, different
    central banks' money-market operations or one bank's on different days. Ranked by cosine:
    the first half the hardest, the rest a seeded random draw."""
    byid = {a["id"]: a for a in arts}
    groups = collections.defaultdict(list)
    for a in arts:
        if day(a) is None or not a.get("title") or len((a.get("body") or "").split()) < 5:
            continue
        tpl = template_of(a["title"])
        if tpl in ("earnings", "dividend") and "earn" not in (a.get("topics") or []):
            continue
        if tpl and subject(a["title"], tpl):
            groups[tpl].append(a["id"])
    rows = []
    for tpl, ids in sorted(groups.items()):
        ids.sort(key=lambda i: (day(byid[i]), num_id(i)))
        cand = []
        for x in range(len(ids)):
            ax = byid[ids[x]]
            for y in range(x + 1, len(ids)):
                ay = byid[ids[y]]
                if day(ay) - day(ax) > WINDOW_DAYS:
                    break
                sx, sy = subject(ax["title"], tpl), subject(ay["title"], tpl)
                if tpl in ("hogs", "money-market"):
                    # a different market/bank the same day, or the same one on another day
                    if (sx == sy) == (day(ax) == day(ay)):
                        continue
                else:
                    tx, ty = ticker(ax["title"]), ticker(ay["title"])
                    if sx == sy or (tx and tx == ty):
                        continue
                p = pair_key(ax["id"], ay["id"])
                cand.append((cosine(vecs[p[0]], vecs[p[1]]), p))
        cand.sort(key=lambda t: (-t[0], num_id(t[1][0]), num_id(t[1][1])))
        # at most 2 pairs per article, so that a few items do not fill the list
        used = collections.Counter()
        hard, rest = [], []
        for c, p in cand:
            if used[p[0]] >= 2 or used[p[1]] >= 2:
                continue
            if len(hard) < per_template // 2:
                hard.append((c, p))
                used.update(p)
            else:
                rest.append((c, p))
        rng = random.Random(f"{seed}-{tpl}")
        rng.shuffle(rest)
        pick = hard
        for c, p in rest:
            if len(pick) >= per_template:
                break
            if used[p[0]] < 2 and used[p[1]] < 2:
                pick.append((c, p))
                used.update(p)
        for c, p in pick:
            rows.append((p[0], p[1], c, tpl))
    return rows


# ---------------------------------------------------------------- paraphrases

# Replacements for lower-case words only (capitalised words are names: "Fair Trade Commission"
# stays). Kept to words whose replacement fits every use seen in the sample (no noun/verb pairs
# such as "cut", "plans", "sale"; no "expects" -> "anticipates to").
SYN = {
    "said": ["said", "stated", "announced"],
    "says": ["says", "states"],
    "company": ["firm", "group", "concern"],
    "companies": ["firms", "groups"],
    "rose": ["climbed", "increased", "advanced"],
    "rise": ["gain"],
    "fell": ["dropped", "declined", "slipped"],
    "fall": ["drop", "decline"],
    "declined": ["fell", "dropped"],
    "dropped": ["fell", "declined"],
    "expected": ["likely"] ,
    "agreed": ["consented"],
    "agreement": ["accord", "deal"],
    "acquired": ["bought", "took over"],
    "bought": ["purchased", "acquired"],
    "however": ["but", "nevertheless"],
    "approximately": ["about", "roughly"],
    "government": ["administration"],
    "statement": ["release"],
    "announced": ["disclosed", "unveiled"],
    "profits": ["earnings"],
    "revenues": ["sales", "turnover"],
    "shareholders": ["stockholders", "investors"],
    "stockholders": ["shareholders"],
    "major": ["big", "leading", "large"],
    "large": ["big", "sizeable"],
    "big": ["large", "major"],
    "small": ["minor", "modest"],
    "sharply": ["steeply", "strongly"],
    "strong": ["robust", "solid"],
    "weak": ["soft", "poor"],
    "began": ["started", "commenced"],
    "talks": ["negotiations", "discussions"],
    "meeting": ["session", "gathering"],
    "current": ["present"],
    "previous": ["prior"],
    "recently": ["lately"],
    "important": ["significant", "key"],
    "problem": ["difficulty", "issue"],
    "problems": ["difficulties", "issues"],
    "prices": ["rates", "quotes"],
    "mainly": ["chiefly", "largely"],
    "largely": ["mostly", "mainly"],
    "very": ["highly"],
    "believes": ["thinks", "considers"],
    "added": ["continued"],
    "noted": ["observed", "pointed out"],
    "spokesman": ["spokesperson", "representative"],
    "several": ["a number of", "various"],
    "many": ["numerous"],
    "following": ["after"],
    "although": ["though"],
    "received": ["got", "obtained"],
    "proposed": ["suggested"],
    "completed": ["finished", "concluded"],
    "industry": ["sector"],
    "quickly": ["rapidly", "swiftly"],
    "also": ["additionally"],
    "talked": ["spoke"],
    "told": ["informed"],
    "sources": ["sources"],
    "economists": ["analysts"],
    "analysts": ["analysts", "observers"],
}

ABBREV = re.compile(r"(\b[A-Z]\.|\b(?:[A-Z]\.){2,}|\b(?:Ltd|Co|Corp|Inc|Rep|Sen|Gov|Mr|Mrs|Dr|St|No|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec|Bhd|Plc|Cie|Jr)\.)$")

RX_SAID = re.compile(r",\s+((?:the |a |an )?[A-Za-z.' -]{2,40}?) (said|says|stated)\.$")
RX_LEAD_SAID = re.compile(r"^(.{20,}?), ((?:the |a )?[A-Za-z][A-Za-z.' -]{1,40}?) said( on \w+| today| yesterday)?\.$")


def split_sentences(body):
    text = re.sub(r"\s+", " ", body or "").strip()
    text = re.sub(r"\s*REUTER\s*$|\s*Reuter\s*$", "", text)
    parts, cur = [], ""
    for piece in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"(<])", text):
        cur = f"{cur} {piece}" if cur else piece
        if not ABBREV.search(cur):  # "U.S." and "Ltd." end no sentence
            parts.append(cur)
            cur = ""
    if cur:
        parts.append(cur)
    return parts


def match_case(src, repl):
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def synonymize(sentence, rng, rate):
    def sub(m):
        w = m.group(0)
        alts = SYN.get(w.lower())
        if not alts or not w.islower() or rng.random() > rate:
            return w
        return match_case(w, rng.choice(alts))
    sentence = re.sub(r"\babout (?=\d)", lambda m: "around " if rng.random() < rate else m.group(0), sentence)
    return re.sub(r"[A-Za-z]+", sub, sentence)


def rephrase(sentence, rng):
    m = RX_SAID.search(sentence)
    if m and rng.random() < 0.7:
        who = m.group(1).strip()
        if who.split()[0].lower() in ("the", "a", "an") or who[:1].isupper():
            return sentence[:m.start()] + f", according to {who}."
    m = RX_LEAD_SAID.match(sentence)
    if m and rng.random() < 0.7:
        what, who = m.group(1), m.group(2).strip()
        if re.match(r"(The|A|An|It|Its|He|She|They) ", what):
            what = what[0].lower() + what[1:]
        return f"{who[0].upper() + who[1:]} said that {what}."
    return sentence


def paraphrase(a, rng, rate):
    sents = split_sentences(a["body"])
    lead, rest = sents[0], sents[1:]
    keep = [s for s in rest if rng.random() > 0.3] or rest[:1]
    # partly reorder: swap a few adjacent sentences after the lead
    for i in range(len(keep) - 1):
        if rng.random() < 0.3:
            keep[i], keep[i + 1] = keep[i + 1], keep[i]
    out = [rephrase(synonymize(s, rng, rate), rng) for s in [lead] + keep]
    return out


OUTLETS = ["Globe Wire", "Daily Ledger", "Metro Herald", "Pacific Courier"]


def paraphrase_sample(arts, n=60, seed=1987):
    near = set()
    for x, y, _ in near_copies(arts):
        near.update((x, y))
    elig = []
    for a in arts:
        if day(a) is None or not a.get("title") or a["id"] in near:
            continue
        if len((a.get("body") or "").split()) < 120 or len(split_sentences(a["body"])) < 5:
            continue
        if re.search(r"CORRECTED|HIGHLIGHTS|SUMMARY", a["title"]):
            continue
        w = a["body"].split()
        if sum(1 for x in w if x.isalpha() and x.islower()) < 0.6 * len(w):  # tables, results
            continue
        elig.append(a)
    elig.sort(key=lambda a: num_id(a["id"]))
    return random.Random(seed).sample(elig, n)


def shifted_date(d, days):
    dt = datetime.datetime.fromisoformat(d.replace("Z", "+00:00")) + datetime.timedelta(days=days)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def cmd_paraphrases(args):
    arts = load_reuters()
    edits = {}
    if os.path.exists(args.edits):
        with open(args.edits, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    e = json.loads(line)
                    edits[e["id"]] = e
    sample = paraphrase_sample(arts)
    out, labels = [], []
    second = []
    for k, a in enumerate(sample, 1):
        rng = random.Random(f"para-{k}")
        pid = f"para-{k:03d}"
        outlet = OUTLETS[k % len(OUTLETS)]
        sents = paraphrase(a, rng, 0.55)
        rec = {"id": pid, "outlet": outlet, "date": shifted_date(a["date"], rng.choice([0, 0, 1, 2])),
               "title": a["title"].title(), "body": " ".join(sents)}
        out.append(rec)
        labels.append((a["id"], pid, "same", "paraphrase", f"{outlet} rewrite of {a['id']}"))
        if k <= 15:
            rng2 = random.Random(f"para2-{k}")
            pid2 = f"para-{k + 100:03d}"
            outlet2 = OUTLETS[(k + 2) % len(OUTLETS)]
            sents2 = paraphrase(a, rng2, 0.7)
            if len(sents2) > 2:  # a different order than the first rewrite: second sentence last
                sents2 = [sents2[0]] + sents2[2:] + [sents2[1]]
            rec2 = {"id": pid2, "outlet": outlet2, "date": shifted_date(a["date"], rng2.choice([0, 1, 2])),
                    "title": a["title"].title(), "body": " ".join(sents2)}
            second.append(rec2)
            labels.append((a["id"], pid2, "same", "paraphrase", f"{outlet2} rewrite of {a['id']}"))
            labels.append((pid, pid2, "same", "paraphrase", f"two rewrites of {a['id']}"))
    for rec in out + second:
        e = edits.get(rec["id"])
        if e:
            if e.get("title"):
                rec["title"] = e["title"]
            if e.get("lead"):
                first = split_sentences(rec["body"])
                rec["body"] = " ".join([e["lead"]] + first[1:])
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in out + second:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    for row in labels:
        print("\t".join(row))
    print(f"wrote {len(out) + len(second)} rewrites to {args.out} ({len(edits)} hand edits)", file=sys.stderr)


# ---------------------------------------------------------------- candidates

def write_pairs(path, rows, byid):
    with open(path, "w", encoding="utf-8") as f:
        f.write("a_id\tb_id\tscore\textra\ta_date\tb_date\ta_title\tb_title\n")
        for r in rows:
            a, b = byid[r[0]], byid[r[1]]
            f.write(f"{r[0]}\t{r[1]}\t{r[2]:.3f}\t{r[3] if len(r) > 3 else ''}\t{(a['date'] or '')[:10]}\t"
                    f"{(b['date'] or '')[:10]}\t{a.get('title') or ''}\t{b.get('title') or ''}\n")


# The routine-item filter the labelled same-event sample was drawn with (kept as it was, so that
# the sample, and the hand labels in labels.tsv that were read from it, stay reproducible).
ROUTINE_V1 = re.compile(
    r"\b(QTR|QUARTER|YEAR|NINE MTHS|6 MTHS|1ST HALF)\b.*\b(NET|LOSS|PROFIT|EARNINGS|SHR)\b|\b(NET|LOSS|PROFIT)$"
    r"|\b(DIVIDEND|DIV|QUARTERLY|PAYOUT)\b|\b(HOGS?|CATTLE|LIVESTOCK|FEEDERS|SLAUGHTER)\b"
    r"|\b(MONEY MARKET|MONEY-MARKET|REPURCHASE|REPO|TENDER|LIQUIDITY|SHORTAGE|ASSISTANCE)\b"
    r"|\b(WHEAT|CORN|SOYBEANS?|GRAIN)\b.*\b(EXPORT|TENDER|BOUGHT|SALE|SOLD|BUYS)\b")


def cmd_candidates(args):
    os.makedirs(args.out, exist_ok=True)
    arts = load_reuters()
    byid = {a["id"]: a for a in arts}
    nc = near_copies(arts)
    write_pairs(os.path.join(args.out, "near-copy.tsv"), nc, byid)
    sample = random.Random(2024).sample(nc, min(80, len(nc)))
    sample.sort(key=lambda t: num_id(t[0]))
    write_pairs(os.path.join(args.out, "near-copy-sample.tsv"), sample, byid)
    vecs = tfidf(arts)
    cc = cosine_candidates(arts, vecs)
    ncset = {(x, y) for x, y, _ in nc}
    se = [(p[0], p[1], c) for p, c in cc.items() if 0.25 <= c < 0.6 and p not in ncset]
    se.sort(key=lambda t: (-t[2], num_id(t[0])))
    write_pairs(os.path.join(args.out, "same-event.tsv"), se, byid)
    # the fixed sample that was read and labelled by hand: 30 per cosine band, titled items only
    bands = [(0.25, 0.35), (0.35, 0.45), (0.45, 0.6)]
    sample = []
    for lo, hi in bands:
        band = [r for r in se if lo <= r[2] < hi and byid[r[0]].get("title") and byid[r[1]].get("title")]
        band.sort(key=lambda t: (num_id(t[0]), num_id(t[1])))
        sample += random.Random(f"same-event-{lo}").sample(band, 30)
    # and 40 more among non-templated items (most of the banded sample is templated negatives)
    free = [r for r in se if 0.3 <= r[2] < 0.6 and r not in sample
            and all(byid[i].get("title") and not ROUTINE_V1.search(byid[i]["title"]) for i in r[:2])]
    free.sort(key=lambda t: (num_id(t[0]), num_id(t[1])))
    sample += random.Random("same-event-free").sample(free, 40)
    # and 30 among the closest non-templated pairs, whose titles share no routine-item word
    routine = re.compile(r"PRIME|EUROBOND|BOND|DIV|PAYOUT|POSTING|LOAD FACTOR|OFFER|SPLIT|NOTES|DEBENTURE|RATING|S/P|MOODY|UPGRADE|DOWNGRADE|HOGS|CATTLE|MONEY MARKET|RATE")
    close = [r for r in free if r[2] >= 0.45 and r not in sample
             and not any(routine.search(byid[i]["title"]) for i in r[:2])]
    sample += random.Random("same-event-close").sample(close, 30)
    write_pairs(os.path.join(args.out, "same-event-sample.tsv"), sample, byid)
    hn = hard_negative_candidates(arts, vecs)
    write_pairs(os.path.join(args.out, "hard-negative.tsv"), hn, byid)
    print(f"near-copy {len(nc)} (sample {len(sample)}), same-event {len(se)}, hard-negative {len(hn)} "
          f"candidates in {args.out}", file=sys.stderr)


# ---------------------------------------------------------------- check

def cmd_check(args):
    rows = read_labels(args.labels)
    ids = {a["id"] for a in load_reuters()}
    with open(os.path.join(STORIES, "paraphrases.jsonl"), encoding="utf-8") as f:
        ids |= {json.loads(l)["id"] for l in f if l.strip()}
    with open(os.path.join(ROOT, "corpora/seeds/seeds.meta.jsonl"), encoding="utf-8") as f:
        ids |= {json.loads(l)["id"] for l in f if l.strip()}
    bad = 0
    seen = {}
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b, lab, kind, note in rows:
        for i in (a, b):
            if i not in ids:
                print(f"unknown id {i}")
                bad += 1
        k = tuple(sorted((a, b)))
        if k in seen:
            print(f"pair twice: {a} {b}")
            bad += 1
        seen[k] = lab
        if lab == "same":
            parent[find(a)] = find(b)
    for a, b, lab, kind, note in rows:
        if lab == "different" and find(a) == find(b):
            print(f"contradiction: {a} {b} labelled different but linked by same pairs")
            bad += 1
    cnt = collections.Counter((kind, lab) for _, _, lab, kind, _ in rows)
    for (kind, lab), n in sorted(cnt.items()):
        print(f"{kind}\t{lab}\t{n}")
    print(f"total\tsame\t{sum(1 for r in rows if r[2] == 'same')}")
    print(f"total\tdifferent\t{sum(1 for r in rows if r[2] == 'different')}")
    print(f"articles\t{len({i for r in rows for i in r[:2]})}")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("candidates")
    c.add_argument("--out", required=True)
    p = sub.add_parser("paraphrases")
    p.add_argument("--edits", default=os.path.join(STORIES, "paraphrase-edits.jsonl"))
    p.add_argument("--out", default=os.path.join(STORIES, "paraphrases.jsonl"))
    k = sub.add_parser("check")
    k.add_argument("--labels", default=os.path.join(STORIES, "labels.tsv"))
    args = ap.parse_args()
    if args.cmd == "candidates":
        cmd_candidates(args)
    elif args.cmd == "paraphrases":
        cmd_paraphrases(args)
    else:
        sys.exit(cmd_check(args))


if __name__ == "__main__":
    main()
