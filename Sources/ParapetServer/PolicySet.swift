import Parapet
import Synchronization

/// The tool policies of one pack generation, by name, each deciding with that generation's rules.
public struct PolicySet: Sendable {
    /// Engines by policy name (the file's `policy:` key).
    public let engines: [String: PolicyEngine]
    /// The policy used when a request names none: the first one loaded.
    public let defaultName: String?
    /// Content hash of the policy sources (the audit log's `policy_pack` field).
    public let hash: String

    public static let empty = PolicySet(engines: [:], defaultName: nil, hash: "")

    public var names: [String] { engines.keys.sorted() }

    /// Reads and validates every policy under `paths` (files or directories) and binds each to
    /// `guardian` for content checks. Sessions come from `sessions`, so budgets and taint survive
    /// a reload. Any problem (unreadable file, invalid policy, two policies with one name) throws.
    static func load(paths: [String], guardian: Guard, sessions: SessionStores) throws(RuleLoadError) -> PolicySet {
        guard !paths.isEmpty else { return .empty }
        var sources: [RuleSource] = []
        for p in paths { sources += try RuleSource.loadPolicies(from: p) }
        var problems: [Diagnostic] = []
        var parsed: [(ToolPolicy, RuleSource)] = []
        for s in sources {
            do { parsed.append((try PolicyParser.parse(s), s)) } catch { problems += error.diagnostics }
        }
        var engines: [String: PolicyEngine] = [:]
        var firstFile: [String: String] = [:]
        for (policy, source) in parsed {
            if let other = firstFile[policy.name] {
                problems.append(Diagnostic(.duplicateID, "policy '\(policy.name)' is also defined in \(other)",
                                           at: SourceLocation(file: source.path, line: 1, column: 1)))
                continue
            }
            firstFile[policy.name] = source.path
            engines[policy.name] = guardian.policyEngine(policy, store: sessions.store(for: policy.name))
        }
        if sources.isEmpty {
            problems.append(Diagnostic(.unreadableFile, "no policy file found", at: SourceLocation(file: paths[0], line: 1, column: 1)))
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        return PolicySet(engines: engines, defaultName: parsed.first?.0.name, hash: Self.hash(sources))
    }

    /// FNV-1a 64 over path and text of every source: identifies a policy version in audit records.
    static func hash(_ sources: [RuleSource]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in sources {
            for b in s.path.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
            for b in s.text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFE) &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// One session store per policy name, kept for the life of the server so that reloading a
/// policy does not reset budgets, taint or provenance of running conversations.
public final class SessionStores: Sendable {
    private let stores = Mutex<[String: InMemorySessionStore]>([:])
    let maxSessions: Int

    public init(maxSessions: Int = 100_000) { self.maxSessions = maxSessions }

    /// The store for `policy`, created on first use.
    public func store(for policy: String) -> InMemorySessionStore {
        stores.withLock { s in
            if let existing = s[policy] { return existing }
            let fresh = InMemorySessionStore(maxSessions: maxSessions)
            s[policy] = fresh
            return fresh
        }
    }
}
