import Parapet

/// Everything `parapet serve` can be told: where to listen, which packs, and the protective limits.
public struct ServerConfig: Sendable {
    public var host: String
    /// 0 picks a free port (tests); the bound port is reported through `ParapetServer.onListening`.
    public var port: Int
    public var ruleDirectories: [String]
    public var includeDefaultPack: Bool
    /// Rules disabled or given another action (`--disable-rule`, `--rule-action`).
    public var ruleOverrides: RuleOverrides = RuleOverrides()
    /// Tool policy files or directories for `/v1/tool-check`; empty disables the endpoint (503).
    public var policyPaths: [String]
    /// Sessions remembered per policy (budgets, taint); the oldest is forgotten beyond this.
    public var maxSessions: Int
    /// Engine settings, including per-target fail modes and the default paranoia level.
    public var engine: EngineConfig
    /// Request bodies larger than this are refused with 413 before any parsing.
    public var maxBodyBytes: Int
    /// A scan that has not finished by then is answered through the target's fail mode.
    public var requestDeadline: Duration
    /// Scans running at once; a request that finds every slot taken gets 503 at once (no queue).
    public var maxConcurrentScans: Int
    /// Seconds suggested to a shed client in `Retry-After`.
    public var retryAfterSeconds: Int
    /// Threads that run scans, so CPU work never blocks the event loops.
    public var scanThreads: Int
    /// When set, every `/v1/*` request must carry `Authorization: Bearer <token>`.
    public var bearerToken: String?
    /// JSON Lines audit file; nil disables the audit log.
    public var auditLogPath: String?
    /// Include the scanned text in audit records (off by default: prompts are personal data).
    public var auditIncludeContent: Bool
    /// Test hook: runs on the scan thread just before each scan (lets a test hold a request in flight).
    var beforeScan: (@Sendable () -> Void)?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        ruleDirectories: [String] = [],
        includeDefaultPack: Bool = true,
        policyPaths: [String] = [],
        maxSessions: Int = 100_000,
        engine: EngineConfig = EngineConfig(),
        maxBodyBytes: Int = 1 << 20,
        requestDeadline: Duration = .seconds(2),
        maxConcurrentScans: Int = 64,
        retryAfterSeconds: Int = 1,
        scanThreads: Int = 2,
        bearerToken: String? = nil,
        auditLogPath: String? = nil,
        auditIncludeContent: Bool = false
    ) {
        self.host = host
        self.port = port
        self.ruleDirectories = ruleDirectories
        self.includeDefaultPack = includeDefaultPack
        self.policyPaths = policyPaths
        self.maxSessions = maxSessions
        self.engine = engine
        self.maxBodyBytes = maxBodyBytes
        self.requestDeadline = requestDeadline
        self.maxConcurrentScans = maxConcurrentScans
        self.retryAfterSeconds = retryAfterSeconds
        self.scanThreads = scanThreads
        self.bearerToken = bearerToken
        self.auditLogPath = auditLogPath
        self.auditIncludeContent = auditIncludeContent
    }
}
