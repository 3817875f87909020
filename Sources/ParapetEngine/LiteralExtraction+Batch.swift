import Dispatch
import ParapetRegex
import ParapetRules

/// The engine's start-up work spread over all cores: every rule's literal gate and, for eager
/// JIT, every pattern's JIT compilation, in one batch.
extension Prefilter {
    /// Below this many jobs the threads cost more than they save.
    static let parallelThreshold = 32

    /// `gates(for:)` of every rule, in rule order. Each rule's extraction is independent and
    /// pure, so they run concurrently; `jitting` patterns are JIT-compiled in the same batch
    /// (each under its own lock, see `Pattern`). A rule found in `cache` is not extracted.
    /// Results do not depend on the number of cores or on the cache.
    static func allGates(_ ruleSet: CompiledRuleSet, jitting patterns: [Pattern] = [], cache: LiteralGateCache? = nil) -> [[Gate]?] {
        let rules = ruleSet.rules
        var results = rules.map { cache?.gates(for: $0) }
        let pending = rules.indices.filter { results[$0] == nil }
        let total = patterns.count + pending.count
        // Patterns repeat long groups (goal lists, request verbs): each is read once.
        let memo = GroupMemo()
        if total < parallelThreshold {
            for p in patterns { p.ensureJIT() }
            for i in pending { results[i] = .some(gates(for: rules[i], memo: memo)) }
            return results.map { $0! }
        }
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = GateSlots(base: buffer.baseAddress!)
            // JIT jobs first: they are the longest, so the cores finish together.
            DispatchQueue.concurrentPerform(iterations: total) { i in
                if i < patterns.count {
                    patterns[i].ensureJIT()
                } else {
                    let r = pending[i - patterns.count]
                    slots.base[r] = .some(gates(for: rules[r], memo: memo))
                }
            }
        }
        return results.map { $0! }
    }

    /// SAFETY (`@unchecked Sendable`): each iteration writes its own rule's slot, no one reads a slot
    /// until `concurrentPerform` has returned, and the buffer outlives the call.
    struct GateSlots: @unchecked Sendable {
        let base: UnsafeMutablePointer<[Gate]??>
    }
}
