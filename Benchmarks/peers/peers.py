#!/usr/bin/env python3
"""Times pattern-based peers on a Parapet JSONL corpus; prints one RESULT line per peer.

  peers.py yara CORPUS RULES_DIR      YARA (python3-yara) with every .yar file in RULES_DIR
  peers.py llm-guard CORPUS [N]       LLM Guard's model-free input scanners on N messages
  peers.py summary RESULTS_FILE       ratios of Parapet against each peer

RESULT lines: RESULT <name> <messages/s> <MB/s> <messages>
"""
import json
import os
import sys
import time


def load(path, limit=None):
    texts = []
    with open(path, "rb") as f:
        for line in f:
            line = line.strip()
            if line:
                texts.append(json.loads(line)["text"])
    if limit and limit < len(texts):
        step = len(texts) / limit  # spread the sample over the whole mix
        texts = [texts[int(i * step)] for i in range(limit)]
    return texts


def report(name, texts, seconds):
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"RESULT {name} {len(texts) / seconds:.1f} {mb / seconds:.3f} {len(texts)}", flush=True)


def best_of(runs, fn):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best


def run_yara(corpus, rules_dir):
    import yara
    files = {n: os.path.join(rules_dir, n) for n in sorted(os.listdir(rules_dir)) if n.endswith(".yar")}
    rules = yara.compile(filepaths=files)
    texts = load(corpus)
    data = [t.encode("utf-8") for t in texts]
    hits = [0]

    def scan():
        hits[0] = 0
        for d in data:
            if rules.match(data=d):
                hits[0] += 1

    report("yara-vigil", texts, best_of(3, scan))
    print(f"# yara: {len(files)} rule files, {hits[0]} of {len(texts)} messages matched", file=sys.stderr)


def run_llm_guard(corpus, limit):
    import logging
    logging.disable(logging.CRITICAL)
    from llm_guard.input_scanners import BanSubstrings, InvisibleText, Regex, Secrets
    from llm_guard.input_scanners.ban_substrings import MatchType
    scanners = [
        BanSubstrings(substrings=["ignore all previous instructions", "system prompt", "developer mode",
                                  "do anything now", "jailbreak"], match_type=MatchType.STR,
                      case_sensitive=False, redact=False, contains_all=False),
        Regex(patterns=[r"(?i)ignore\s+(all\s+)?previous\s+instructions", r"AKIA[0-9A-Z]{16}",
                        r"gh[pousr]_[A-Za-z0-9]{36}"], is_blocked=True, redact=False),
        InvisibleText(),
        Secrets(redact_mode="all"),
    ]
    texts = load(corpus, limit)

    def scan():
        for t in texts:
            for s in scanners:
                s.scan(t)

    report("llm-guard-patterns", texts, best_of(1, scan))


def summary(path):
    results = {}
    with open(path) as f:
        for line in f:
            if line.startswith("RESULT "):
                _, name, mps, mbps, n = line.split()
                results[name] = (float(mps), float(mbps), int(n))
    base = results.get("parapet-inprocess")
    print(f"{'engine':<22} {'messages/s':>12} {'MB/s':>9} {'per message':>12}  parapet ratio")
    for name, (mps, mbps, n) in results.items():
        ratio = f"{base[0] / mps:10.1f}x" if base and name != "parapet-inprocess" else ""
        print(f"{name:<22} {mps:12.0f} {mbps:9.2f} {1e6 / mps:9.1f} µs  {ratio}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "yara":
        run_yara(sys.argv[2], sys.argv[3])
    elif cmd == "llm-guard":
        run_llm_guard(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000)
    elif cmd == "summary":
        summary(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
