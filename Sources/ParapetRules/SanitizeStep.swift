/// A sanitizing transform a rule (when it fires) or a target (always) asks for; applied to the
/// text to forward, after redactions.
public enum SanitizeStep: String, Sendable, Hashable, CaseIterable, Codable {
    /// Remove zero-width, bidi, tag and other invisible characters.
    case stripInvisibles = "strip-invisibles"
    /// Escape chat-template and role tokens (`<|im_start|>`, `[INST]`, `### System:`) so data cannot pose as the system.
    case neutralizeRoleTokens = "neutralize-role-tokens"
}
