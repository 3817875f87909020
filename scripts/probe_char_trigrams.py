#!/usr/bin/env python3
"""Measures whether a character-trigram likelihood separates GCG suffixes from benign prompts.

Table source: the English reference text shipped with CPython (`pydoc_data.topics`, PSF
licence), so the table is reproducible offline and independent of the evaluation sets. Text is
mapped to 32 classes (a-z case-folded, space, digit, 4 punctuation groups, other), smoothed
trigram costs in bits are capped, and the worst window of W characters (eligible: >=95% ASCII,
>=55% letters, >=8% spaces) is reported, alone and together with a count of odd tokens.

Usage: probe_char_trigrams.py DATASET_DIR [W] ; prints hits per threshold for each set.
Finding (CPython 3.11 topics): no threshold separates GCG from wildguard_benign / ifeval at a
PL1 false-alarm budget (see docs/detection.md), so no detector ships from this yet.
"""
import collections, json, math, re, sys
import pydoc_data.topics as topics

A, K, CAP = 32, 0.1, 8.0

def cls(ch):
    o = ord(ch)
    if 97 <= o <= 122: return o - 97
    if 65 <= o <= 90: return o - 65
    if ch.isspace(): return 26
    if 48 <= o <= 57: return 27
    if ch in '.,!?;:': return 28
    if ch in '\'"-': return 29
    if ch in '()[]{}<>': return 30
    return 31

def table():
    text = re.sub(r'\s+', ' ', ''.join(topics.topics[k] for k in sorted(topics.topics)))
    e = [cls(c) for c in text]
    tri, bi = collections.Counter(), collections.Counter()
    for i in range(len(e) - 2):
        tri[e[i], e[i+1], e[i+2]] += 1
        bi[e[i], e[i+1]] += 1
    return lambda a, b, c: min(CAP, -math.log2((tri[a, b, c] + K) / (bi[a, b] + K * A)))

SYM = set('{}[]()<>\\`|$@^~"=%*#;')

def odd(tok):
    letters = sum(c.isascii() and c.isalpha() for c in tok)
    syms = sum(c in SYM for c in tok)
    flips, low = 0, False
    for c in tok:
        if c.isascii() and c.isalpha():
            flips += c.isupper() and low
            low = c.islower()
        else:
            low = False
    return (syms >= 2 and (letters or len(tok) >= 3)) or (syms and letters >= 3) or (flips and letters >= 6)

def windows(s, cost, W):
    s = re.sub(r'\s+', ' ', s)
    e = [cls(c) for c in s]
    if len(e) < W: return []
    c = [0, 0] + [cost(e[i-2], e[i-1], e[i]) for i in range(2, len(e))]
    starts = [0] * len(s)
    for m in re.finditer(r'\S+', s):
        starts[m.start()] = int(odd(m.group()))
    out = []
    for st in range(0, len(e) - W + 1, 4):
        seg = e[st:st+W]
        if sum(ord(ch) < 128 for ch in s[st:st+W]) < .95 * W: continue
        if sum(x < 26 for x in seg) < .55 * W or seg.count(26) < .08 * W: continue
        out.append((sum(c[st+2:st+W]) / (W - 2), sum(starts[st:st+W])))
    return out

def main():
    d, W = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 48
    cost = table()
    rows = lambda f, p: [r['text'] for r in map(json.loads, open(f'{d}/{f}')) if p(r)]
    sets = {'gcg': rows('jailbreakbench_artifacts.jsonl', lambda r: r.get('family') == 'GCG')}
    for f in ('wildguard_benign', 'notinject', 'awesome_chatgpt_prompts', 'ifeval_prompts'):
        sets[f] = rows(f + '.jsonl', lambda r: r['label'] == 'benign')
    feats = {k: [windows(t, cost, W) for t in v] for k, v in sets.items()}
    for a in (3.8, 4.2, 4.6, 4.8):
        for b in (0, 1, 2):
            hits = {k: sum(any(m >= a and o >= b for m, o in fs) for fs in v) for k, v in feats.items()}
            print(f'mean>={a} odd>={b}', hits)

if __name__ == '__main__':
    main()
