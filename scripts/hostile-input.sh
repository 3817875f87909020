#!/usr/bin/env bash
# 100 MB through the CLI, with peak memory measured by /usr/bin/time -v (GNU time).
#
#   scripts/hostile-input.sh [SIZE_MB]     (default 100; needs a built .build/debug/parapet,
#                                          or set PARAPET_BIN, e.g. to .build/release/parapet)
#
# Text mode reads the whole message (one message = the whole input), so its memory grows with
# the input: the bound checked is 3 x input + 64 MiB, and the verdict must be an input_size
# block. JSONL mode streams line by line, so its memory must stay under a fixed 128 MiB
# whatever the input size. Streaming mode (`--target output --stream`) keeps a sliding window, so
# its memory must stay under a fixed 64 MiB, and every e-mail address in it must come out redacted.
# Exits 1 when a verdict or a bound is wrong.
set -eu  # no pipefail: `yes | head` ends on SIGPIPE by design
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PARAPET_BIN:-$root/.build/debug/parapet}"
mb="${1:-100}"
[ -x "$bin" ] || { echo "build first: swift build" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0

peak_kib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

# Text mode: MB of prose on stdin.
yes "the quick brown fox jumps over the lazy dog, then asks for a pasta recipe" | head -c "$((mb << 20))" > "$work/text"
set +e
/usr/bin/time -v "$bin" scan < "$work/text" > "$work/text.out" 2> "$work/text.err"
status=$?
set -e
peak=$(peak_kib "$work/text.err")
bound=$(( (3 * mb << 10) + (64 << 10) ))
verdict=$(grep '^parapet:' "$work/text.err" || true)
echo "text  ${mb} MB: exit $status, peak RSS $((peak >> 10)) MiB (bound $((bound >> 10)) MiB), $verdict"
[ "$status" = 1 ] && [[ "$verdict" == *input_size* ]] && [ ! -s "$work/text.out" ] || { echo "  FAIL: expected an input_size block with nothing forwarded"; fail=1; }
[ "$peak" -le "$bound" ] || { echo "  FAIL: memory over the bound"; fail=1; }

# JSONL mode: MB of 1 KB messages, every line answered, memory flat.
msg=$(printf 'x%.0s' $(seq 1 1000))
yes "{\"text\":\"$msg\"}" | head -c "$((mb << 20))" | sed '$d' > "$work/lines"
lines=$(wc -l < "$work/lines")
set +e
/usr/bin/time -v "$bin" scan --jsonl < "$work/lines" > "$work/lines.out" 2> "$work/lines.err"
status=$?
set -e
peak=$(peak_kib "$work/lines.err")
answered=$(wc -l < "$work/lines.out")
echo "jsonl ${mb} MB: exit $status, $lines lines in, $answered out, peak RSS $((peak >> 10)) MiB (bound 128 MiB)"
[ "$status" = 0 ] && [ "$answered" = "$lines" ] || { echo "  FAIL: every line must be answered"; fail=1; }
[ "$peak" -le $((128 << 10)) ] || { echo "  FAIL: memory over the bound"; fail=1; }
# Streaming mode: MB of model output with an e-mail address every 100 lines, released as it goes.
block="$(for _ in $(seq 1 99); do echo "the quick brown fox jumps over the lazy dog, then asks for a pasta recipe"; done; echo "write to someone@mailbox.org for the recipe")"
yes "$block" | head -c "$((mb << 20))" > "$work/stream"
mails=$(grep -c '@mailbox.org' "$work/stream")
set +e
/usr/bin/time -v "$bin" scan --target output --stream < "$work/stream" > "$work/stream.out" 2> "$work/stream.err"
status=$?
set -e
peak=$(peak_kib "$work/stream.err")
redacted=$(grep -c 'REDACTED:email' "$work/stream.out" || true)
left=$(grep -c '@mailbox.org' "$work/stream.out" || true)
verdict=$(grep '^parapet:' "$work/stream.err" || true)
echo "stream ${mb} MB: exit $status, $mails addresses in, $redacted redacted, $left left, peak RSS $((peak >> 10)) MiB (bound 64 MiB), $verdict"
[ "$status" = 0 ] && [ "$redacted" -ge "$mails" ] && [ "$left" = 0 ] || { echo "  FAIL: every address must be redacted"; fail=1; }
[ "$peak" -le $((64 << 10)) ] || { echo "  FAIL: memory over the bound"; fail=1; }
exit $fail
