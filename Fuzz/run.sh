#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs them.
#
#   Fuzz/run.sh [--seconds N] [--jobs J] [--clean] [--no-build] [HARNESS...]
#
# Default: every harness, 60 s each, one after the other. CI smoke: `Fuzz/run.sh --seconds 10`.
# Each harness keeps a growing corpus in Fuzz/corpus-work/<harness>/ (git-ignored), seeded by
# make-seeds.sh. A crash, leak, timeout or OOM is written to Fuzz/FailCases/<harness>/; commit
# it and `swift test --filter FailCasesReplay` replays it forever after. Exit 1 when any
# harness found something.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
mkdir -p corpus-work

seconds=60
jobs=1
build=1
harnesses=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        # Incremental builds of this nested package can miss a layout change in the root
        # package (ASan then reports a stack-buffer-overflow in harness code at once): clean.
        --clean) swift package clean; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) harnesses+=("$1"); shift ;;
    esac
done
all=(FuzzRules FuzzViews FuzzScan FuzzJSONL)
for extra in FuzzStream FuzzPolicy; do
    [ -d "Sources/$extra" ] && all+=("$extra")
done
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")

# ASan and coverage on every module (ours and the dependencies); the harness targets add
# -parse-as-library and link libFuzzer themselves (see Package.swift for why).
flags=(-c debug -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
if [ "$build" = 1 ]; then
    for h in "${harnesses[@]}"; do
        if ! swift build "${flags[@]}" --product "$h" > "corpus-work/build-$h.log" 2>&1; then
            grep -E "error" "corpus-work/build-$h.log" | head -n 20 >&2
            echo "run.sh: build of $h failed (Fuzz/corpus-work/build-$h.log)" >&2
            exit 2
        fi
    done
fi
./make-seeds.sh > /dev/null

declare -A dict=([FuzzRules]=rules [FuzzViews]=text [FuzzScan]=text [FuzzJSONL]=jsonl [FuzzStream]=text [FuzzPolicy]=policy)
declare -A maxlen=([FuzzRules]=8192 [FuzzViews]=4096 [FuzzScan]=4096 [FuzzJSONL]=8192 [FuzzStream]=4096 [FuzzPolicy]=8192)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
status=0
for h in "${harnesses[@]}"; do
    mkdir -p "corpus-work/$h" "FailCases/$h"
    args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len="${maxlen[$h]:-4096}"
          -artifact_prefix="FailCases/$h/" -print_final_stats=1
          # LeakSanitizer cannot see references that Swift stores in multi-payload and indirect
          # enums (tag bits in the pointer), so long-lived values such as compiled rule
          # parameters read as leaks (at exit too, hence ASAN_OPTIONS). Leaks are off; memory
          # growth is caught by -rss_limit_mb.
          -detect_leaks=0)
    [ -f "Dictionaries/${dict[$h]:-none}.dict" ] && args+=(-dict="Dictionaries/${dict[$h]}.dict")
    [ "$jobs" -gt 1 ] && args+=(-fork="$jobs" -ignore_crashes=0)
    echo "== $h: ${seconds}s"
    if ! ".build/debug/$h" "${args[@]}" "corpus-work/$h" "corpus-work/seeds/$h" > "corpus-work/$h.log" 2>&1; then
        status=1
        echo "!! $h found a problem; see Fuzz/corpus-work/$h.log and Fuzz/FailCases/$h/" >&2
    fi
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|invariant failed" "corpus-work/$h.log" | tail -n 5 || true
done
exit $status
