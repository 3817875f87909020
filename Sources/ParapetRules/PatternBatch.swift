import Dispatch
import ParapetRegex

/// Compiles every pattern of a pack on all cores before any rule is built.
///
/// Each pattern is independent, so the work is spread over the cores; the compiler then
/// assembles the rules in pack order, so results and diagnostics are the same as a sequential
/// compile. Patterns are compiled without JIT (`.lazy`): the engine JIT-compiles them all while
/// it is built (`EngineConfig.jit == .eager`, on all cores with the literal gates) or each on its
/// first match (`.lazy`); bad patterns are reported here either way.
enum PatternBatch {
    typealias Job = (source: String, options: PatternOptions)
    typealias Outcome = Result<Pattern, PatternError>

    /// Below this many patterns the threads cost more than they save.
    static let parallelThreshold = 32

    /// The results for every pattern of `specs`, flattened in rule order then pattern order.
    static func compile(_ specs: [RuleSpec]) -> [Outcome] {
        let jobs: [Job] = specs.flatMap { spec in
            spec.patterns.map { ($0.source, PatternOptions(caseless: !spec.caseSensitive)) }
        }
        if jobs.count < parallelThreshold { return jobs.map(run) }
        var results = [Outcome?](repeating: nil, count: jobs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { i in slots.base[i] = run(jobs[i]) }
        }
        return results.map { $0! }
    }

    @Sendable static func run(_ job: Job) -> Outcome {
        Result { () throws(PatternError) in try Pattern(job.source, options: job.options, jit: .lazy) }
    }

    /// SAFETY (`@unchecked Sendable`): iteration `i` writes slot `i` and nothing else, no one
    /// reads a slot until `concurrentPerform` has returned, and the buffer outlives the call.
    struct Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<Outcome?>
    }
}
