import Metrics
import Parapet
import Prometheus

/// The service's counters and histograms, recorded through swift-metrics into a private Prometheus registry.
///
/// A private registry (not `MetricsSystem.bootstrap`) lets several servers live in one process
/// (tests) and leaves the application's global metrics backend alone.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Scans take microseconds to milliseconds; the library's default buckets start at 5 ms.
        let scanBuckets: [Duration] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2),
        ]
        factory.durationHistogramBuckets["parapet_scan_duration_seconds"] = scanBuckets
        factory.durationHistogramBuckets["parapet_request_duration_seconds"] = scanBuckets
        factory.durationHistogramBuckets["parapet_reload_duration_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// One decision for one target (the verdict's, or the fail mode's when the deadline hit).
    public func decision(target: String, decision: String, failMode: String?) {
        Counter(
            label: "parapet_decisions_total",
            dimensions: [("target", target), ("decision", decision), ("fail_mode", failMode ?? "none")],
            factory: factory
        ).increment()
    }

    /// One rule that fired in a verdict (counted once per verdict).
    public func ruleHit(_ rule: String, target: String) {
        Counter(label: "parapet_rule_hits_total", dimensions: [("rule", rule), ("target", target)], factory: factory).increment()
    }

    /// Time spent in `Engine.scan` for one text.
    public func scanDuration(_ d: Duration, target: String) {
        Timer(label: "parapet_scan_duration_seconds", dimensions: [("target", target)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(d))
    }

    /// Wall time of one API request, admission to response.
    public func requestDuration(_ d: Duration, route: String, status: Int) {
        Timer(label: "parapet_request_duration_seconds", dimensions: [("route", route), ("status", String(status))], factory: factory)
            .recordNanoseconds(Self.nanoseconds(d))
    }

    /// A protective limit was reached: `body_size`, `concurrency`, `deadline`, `auth`, or an engine `LimitKind`.
    public func limitHit(_ kind: String) {
        Counter(label: "parapet_limit_hits_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// A reload attempt: `success` or `failure`.
    public func reload(result: String, duration: Duration) {
        Counter(label: "parapet_reloads_total", dimensions: [("result", result)], factory: factory).increment()
        Timer(label: "parapet_reload_duration_seconds", dimensions: [("result", result)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A tool-call decision from the policy layer.
    public func policyDecision(tool: String, decision: String) {
        Counter(label: "parapet_policy_decisions_total", dimensions: [("tool", tool), ("decision", decision)], factory: factory).increment()
    }

    /// Number of rules in the pack now serving, and scans in flight.
    public func setRules(_ n: Int) {
        Gauge(label: "parapet_rules_loaded", dimensions: [], factory: factory).record(n)
    }

    public func setInFlight(_ n: Int) {
        Gauge(label: "parapet_scans_in_flight", dimensions: [], factory: factory).record(n)
    }

    /// The whole registry in Prometheus text exposition format.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return s * 1_000_000_000 + atto / 1_000_000_000
    }
}
