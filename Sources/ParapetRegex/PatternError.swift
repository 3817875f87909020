import CPCRE2

/// A pattern PCRE2 refused to compile, with the byte offset in the pattern where it failed.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    /// UTF-8 byte offset into the pattern text.
    public let offset: Int

    public var description: String { "\(message) at offset \(offset)" }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, 256) }
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}
