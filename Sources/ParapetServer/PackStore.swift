import Logging
import Parapet
import Synchronization

/// One compiled generation of the rule packs; immutable, so a request keeps using the one it started with.
public struct LoadedPack: Sendable {
    public let guardian: Guard
    /// Content hash of the rule sources (the audit log's `pack` field).
    public let hash: String
    public let ruleCount: Int
    /// Increases by one on every successful reload.
    public let generation: Int
    /// Tool policies compiled with this generation (empty when none are configured).
    public let policies: PolicySet
}

/// The result of a reload attempt.
public enum ReloadResult: Sendable, Equatable {
    case success(hash: String, rules: Int)
    /// The new packs did not compile; the old generation keeps serving.
    case failure(String)
}

/// Holds the serving pack and swaps it atomically on reload.
///
/// Compilation happens outside the lock; the lock only guards a reference swap, so requests
/// never wait for a compile and a failed compile leaves the current pack untouched.
public final class PackStore: Sendable {
    private let state: Mutex<LoadedPack>
    /// Serialises reloads so two SIGHUPs in a row cannot race each other's compile.
    private let reloading = Mutex<Bool>(false)
    let ruleDirectories: [String]
    let includeDefaultPack: Bool
    let ruleOverrides: RuleOverrides
    let engineConfig: EngineConfig
    let policyPaths: [String]
    /// Shared by every generation, so a reload keeps sessions' budgets and taint.
    public let sessions: SessionStores

    /// Compiles the initial packs; throws when they do not compile (the server must not start half-armed).
    public init(ruleDirectories: [String], includeDefaultPack: Bool, ruleOverrides: RuleOverrides = RuleOverrides(),
                engineConfig: EngineConfig, policyPaths: [String] = [], sessions: SessionStores = SessionStores()) throws(RuleLoadError) {
        self.ruleDirectories = ruleDirectories
        self.includeDefaultPack = includeDefaultPack
        self.ruleOverrides = ruleOverrides
        self.engineConfig = engineConfig
        self.policyPaths = policyPaths
        self.sessions = sessions
        let (g, policies) = try Self.compile(ruleDirectories, includeDefaultPack, ruleOverrides, engineConfig, policyPaths, sessions)
        state = Mutex(LoadedPack(guardian: g, hash: g.engine.ruleSet.hash, ruleCount: g.engine.ruleSet.rules.count, generation: 1, policies: policies))
    }

    /// Rules first, then the policies bound to them: one generation, all or nothing.
    private static func compile(_ dirs: [String], _ includeDefault: Bool, _ overrides: RuleOverrides, _ config: EngineConfig, _ policyPaths: [String],
                                _ sessions: SessionStores) throws(RuleLoadError) -> (Guard, PolicySet) {
        let g = try Guard(ruleDirectories: dirs, includeDefaultPack: includeDefault, overrides: overrides, config: config)
        return (g, try PolicySet.load(paths: policyPaths, guardian: g, sessions: sessions))
    }

    /// The pack serving right now.
    public var current: LoadedPack { state.withLock { $0 } }

    /// Recompiles every rule and policy source from disk and swaps it in when it compiles.
    /// Blocking CPU work: call it from a thread that is not serving requests.
    public func reload() -> ReloadResult {
        let busy = reloading.withLock { busy in
            defer { busy = true }
            return busy
        }
        if busy { return .failure("a reload is already running") }
        defer { reloading.withLock { $0 = false } }
        let fresh: Guard
        let policies: PolicySet
        do {
            (fresh, policies) = try Self.compile(ruleDirectories, includeDefaultPack, ruleOverrides, engineConfig, policyPaths, sessions)
        } catch {
            return .failure(error.description)
        }
        let set = fresh.engine.ruleSet
        state.withLock { old in
            old = LoadedPack(guardian: fresh, hash: set.hash, ruleCount: set.rules.count, generation: old.generation + 1, policies: policies)
        }
        return .success(hash: set.hash, rules: set.rules.count)
    }
}
