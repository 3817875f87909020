#!/usr/bin/env bash
# Regenerates Sources/Parapet/DefaultPackGates.swift, the default pack's literal gates extracted
# ahead of time (see LiteralGateCache). Run after changing a rule's patterns, views or literals,
# or the literal extraction; LiteralGateCacheTests fails until the file is current.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product parapet-bench --quiet
.build/release/parapet-bench --write-literal-gates Sources/Parapet/DefaultPackGates.swift
