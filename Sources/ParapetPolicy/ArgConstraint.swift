import ParapetJSON
import ParapetRegex

/// JSON value types a constraint can require; `integer` is a number without a fraction.
public enum ArgType: String, Sendable, Hashable, CaseIterable {
    case string, number, integer, boolean, array, object, null

    func accepts(_ v: JSONValue) -> Bool {
        switch (self, v) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null): true
        case (.integer, .number): v.intValue != nil
        default: false
        }
    }
}

/// What one argument's value must satisfy. Every part given must hold.
///
/// Scalar checks (enum, pattern, range, path, url, email, iban, account, untainted) apply to each
/// element when the value is an array, so `to: [a, b]` is checked address by address. Range
/// checks accept numbers and strings that spell a number ("12.50"), since models send both.
public struct ArgConstraint: Sendable {
    public var required = false
    public var type: ArgType?
    public var enumValues: [JSONValue]?
    public var pattern: Pattern?
    public var min: Double?
    public var max: Double?
    /// Length in UTF-8 bytes for strings, elements for arrays, members for objects.
    public var minLength: Int?
    public var maxLength: Int?
    public var path: PathRule?
    public var url: URLRule?
    public var email: EmailRule?
    public var iban: AccountRule?
    public var account: AccountRule?
    /// The value must not appear verbatim in untrusted content seen in the session.
    public var untainted = false

    public init() {}

    /// The first reason `values` (everything the path reached) break the constraint, or nil.
    func violation(_ values: [JSONValue], _ ctx: EvalContext) -> String? {
        if values.isEmpty { return required ? "is required but missing" : nil }
        for v in values {
            if let r = check(v, ctx) { return r }
        }
        return nil
    }

    private func check(_ v: JSONValue, _ ctx: EvalContext) -> String? {
        if let type, !type.accepts(v) { return "must be of type \(type.rawValue), got \(v.typeName)" }
        if minLength != nil || maxLength != nil {
            let n: Int
            switch v {
            case .string(let s): n = s.utf8.count
            case .array(let a): n = a.count
            case .object(let m): n = m.count
            default: return "must be a string, array or object to have a length, got \(v.typeName)"
            }
            if let minLength, n < minLength { return "is shorter than \(minLength) (length \(n))" }
            if let maxLength, n > maxLength { return "is longer than \(maxLength) (length \(n))" }
        }
        if case .array(let items) = v, type != .array || hasScalarChecks {
            for item in items {
                if case .array = item { return "must not nest arrays" }
                if let r = checkScalar(item, ctx) { return r }
            }
            return nil
        }
        return checkScalar(v, ctx)
    }

    private var hasScalarChecks: Bool {
        enumValues != nil || pattern != nil || min != nil || max != nil || path != nil || url != nil
            || email != nil || iban != nil || account != nil || untainted
    }

    private func checkScalar(_ v: JSONValue, _ ctx: EvalContext) -> String? {
        if let enumValues, !enumValues.contains(where: { Self.same($0, v) }) {
            return "must be one of \(enumValues.map(\.serializedShort).joined(separator: ", ")), got \(v.serializedShort)"
        }
        if min != nil || max != nil {
            let d: Double?
            switch v {
            case .number: d = v.doubleValue
            case .string(let s): d = Double(s.filter { $0 != " " })
            default: d = nil
            }
            guard let d, d.isFinite else { return "must be a number, got \(v.serializedShort)" }
            if let min, d < min { return "must be at least \(Self.show(min)), got \(Self.show(d))" }
            if let max, d > max { return "must be at most \(Self.show(max)), got \(Self.show(d))" }
        }
        let needsString = pattern != nil || path != nil || url != nil || email != nil || iban != nil || account != nil
        guard case .string(let s) = v else {
            return needsString ? "must be a string, got \(v.typeName)" : nil
        }
        if let pattern {
            switch ctx.firstMatch(pattern, s) {
            case .match: break
            case .noMatch: return "does not match pattern \(pattern.source)"
            case .limit(let k): return "pattern \(pattern.source) hit the \(k.rawValue) limit"
            }
        }
        if let path, let r = path.violation(s) { return r }
        if let url, let r = url.violation(s) { return r }
        if let email, let r = email.violation(s) { return r }
        if let iban, let r = iban.violation(s, iban: true) { return r }
        if let account, let r = account.violation(s, iban: false) { return r }
        if untainted, ctx.provenance.contains(s) { return "value \(JSONValue.string(s).serializedShort) was taken from untrusted content" }
        return nil
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number, .number): a.doubleValue == b.doubleValue
        default: a == b
        }
    }

    static func show(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}

extension JSONValue {
    /// Compact JSON, cut to 60 bytes so hostile values never flood a reason.
    var serializedShort: String {
        let s = serialized()
        guard s.utf8.count > 60 else { return s }
        var cut = 57
        let u = Array(s.utf8)
        while cut > 0, u[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: u[0..<cut], as: UTF8.self) + "…"
    }
}

/// A value shown in a reason: JSON-quoted and shortened.
func quoted(_ s: String) -> String { JSONValue.string(s).serializedShort }
