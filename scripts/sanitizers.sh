#!/usr/bin/env bash
# Runs the test suite under ThreadSanitizer and AddressSanitizer, each in its own build
# directory (.build-tsan, .build-asan) so the normal build is left alone.
#
#   scripts/sanitizers.sh [thread|address]... [-- swift test args, e.g. --filter Concurrency]
#
# Default: both sanitizers, the whole suite. Exit 1 when either run fails.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
kinds=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do kinds+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#kinds[@]} -eq 0 ] && kinds=(thread address)
status=0
for k in "${kinds[@]}"; do
    case "$k" in thread) dir=.build-tsan ;; address) dir=.build-asan ;; *) echo "unknown sanitizer $k" >&2; exit 2 ;; esac
    echo "== swift test --sanitize=$k $*"
    mkdir -p "$dir"
    log="$dir/sanitizer-test.log"
    # halt_on_error: a report fails the run instead of scrolling past. Leak checking is off by
    # default: Foundation's file reading and NIO thread pools in the server tests report
    # process-lifetime allocations as leaks; PARAPET_LSAN=1 turns it on.
    # Suppressions: only Mutex-guarded types, which TSan cannot see through (see the file).
    # The server tests' client gives up after 10 s idle; sanitized servers on a loaded machine need longer.
    if PARAPET_TEST_IDLE_SECONDS="${PARAPET_TEST_IDLE_SECONDS:-120}" TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/scripts/tsan-suppressions.txt" ASAN_OPTIONS="detect_leaks=${PARAPET_LSAN:-0} halt_on_error=1" \
        swift test --sanitize="$k" --scratch-path "$dir" "$@" > "$log" 2>&1; then
        grep -E "^✔ Test run|Executed [0-9]+ tests" "$log" | tail -n 2
    else
        status=1
        grep -E "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|SUMMARY|✘|error:" "$log" | head -n 30
        echo "!! $k sanitizer run failed; full log in $log"
    fi
done
exit $status
