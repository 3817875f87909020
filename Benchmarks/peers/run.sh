#!/usr/bin/env bash
# Parapet side by side with pattern-based peers, on one corpus, in one run.
#
#   Benchmarks/peers/run.sh            (from the repository root)
#
# Needs: a release build (done here), YARA's Python binding (Debian: apt-get install -y yara
# python3-yara) and, optionally, LLM Guard in some Python (pip install llm-guard; point
# LLM_GUARD_PYTHON at that interpreter). The Vigil YARA rules are read from
# VIGIL_YARA_DIR (default ../shared/peers-data/vigil-yara next to the repository); they are used
# for measuring only and never copied into this repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
VIGIL_YARA_DIR="${VIGIL_YARA_DIR:-../shared/peers-data/vigil-yara}"
YARA_PYTHON="${YARA_PYTHON:-/usr/bin/python3}"
LLM_GUARD_PYTHON="${LLM_GUARD_PYTHON:-python3}"
MESSAGES="${MESSAGES:-20000}"
LLM_GUARD_MESSAGES="${LLM_GUARD_MESSAGES:-1000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --product parapet >/dev/null
  swift build -c release --product parapet-bench >/dev/null
fi
BIN=.build/release
"$BIN/parapet-bench" --write-corpus "$OUT/corpus.jsonl" --messages "$MESSAGES" | tail -n 1
HERE=Benchmarks/peers

"$BIN/parapet-bench" --scan-corpus "$OUT/corpus.jsonl" | grep '^RESULT' | tee -a "$OUT/results"
# The CLI over the same corpus, end to end (JSON parsing and output included).
start=$(date +%s.%N)
"$BIN/parapet" scan --jsonl "$OUT/corpus.jsonl" >/dev/null || true
end=$(date +%s.%N)
python3 - "$OUT/corpus.jsonl" "$start" "$end" <<'PY' | tee -a "$OUT/results"
import os, sys
path, s, e = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
n = sum(1 for l in open(path, "rb") if l.strip())
print(f"RESULT parapet-cli-jsonl {n / (e - s):.1f} {os.path.getsize(path) / 1e6 / (e - s):.3f} {n}")
PY

if [ -d "$VIGIL_YARA_DIR" ] && "$YARA_PYTHON" -c 'import yara' 2>/dev/null; then
  "$YARA_PYTHON" "$HERE/peers.py" yara "$OUT/corpus.jsonl" "$VIGIL_YARA_DIR" | tee -a "$OUT/results"
else
  echo "# skipped YARA: need $VIGIL_YARA_DIR and 'import yara' in $YARA_PYTHON (apt-get install -y python3-yara)"
fi
if "$LLM_GUARD_PYTHON" -c 'import llm_guard' 2>/dev/null; then
  "$LLM_GUARD_PYTHON" "$HERE/peers.py" llm-guard "$OUT/corpus.jsonl" "$LLM_GUARD_MESSAGES" 2>/dev/null | grep '^RESULT' | tee -a "$OUT/results"
else
  echo "# skipped LLM Guard: 'import llm_guard' failed in $LLM_GUARD_PYTHON (pip install llm-guard; set LLM_GUARD_PYTHON)"
fi
echo
python3 "$HERE/peers.py" summary "$OUT/results"
