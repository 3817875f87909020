#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the heuristic detectors learn about one text, kept for the next detector call on the
/// same bytes. A pack names word-salad and token-soup in several rules (one per tier), and the
/// engine calls each rule's detector in turn on the same view; with the memo, the token passes
/// and the bracket pass run once per text instead of once per rule. Every answer is a pure
/// function of the bytes (and of the detector settings named in its key), so sharing it cannot
/// change a verdict.
///
/// One memo per thread, for the text seen last. It holds that text's array, so the buffer stays
/// alive and an equal buffer address and count mean the very same bytes.
final class TextMemo {
    // Unchecked exclusivity: a memo belongs to one thread and its accesses never overlap, so the
    // runtime checks (a thread-local look-up each) would prove nothing.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var base: UnsafePointer<UInt8>? = nil
    /// Bracket bytes in the whole text; -1 until asked.
    @exclusivity(unchecked) private var brackets = -1
    /// Unbalanced brackets over the whole text; -1 until asked.
    @exclusivity(unchecked) private var mismatches = -1
    /// Word-salad token judgements, one entry per (lexicon, max_tokens); kept across texts for their capacity.
    @exclusivity(unchecked) private var salads: [SaladTokens] = []
    /// Token-soup token passes, one entry per max_tokens; kept across texts for their capacity.
    @exclusivity(unchecked) private var soups: [SoupTokens] = []

    /// Texts above this size are not kept between calls, so a thread never pins a huge input.
    static let largestShared = 4 << 20

    /// The memo for `bytes` on this thread (fresh answers when the text changed).
    static func memo(for bytes: [UInt8]) -> TextMemo {
        if bytes.count > largestShared {
            let m = TextMemo()
            m.adopt(bytes)
            return m
        }
        if let p = pthread_getspecific(slot) {
            let m = Unmanaged<TextMemo>.fromOpaque(p).takeUnretainedValue()
            m.adopt(bytes)
            return m
        }
        let m = TextMemo()
        m.adopt(bytes)
        pthread_setspecific(slot, Unmanaged.passRetained(m).toOpaque())
        return m
    }

    /// The thread-local slot; its destructor releases a thread's memo when the thread ends.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        #if os(Linux)
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { p in
            if let p { Unmanaged<TextMemo>.fromOpaque(p).release() }
        }
        #else
        let release: @convention(c) (UnsafeMutableRawPointer) -> Void = { p in
            Unmanaged<TextMemo>.fromOpaque(p).release()
        }
        #endif
        precondition(pthread_key_create(&key, release) == 0, "no thread-local slot for the detector memo")
        return key
    }()

    /// Points the memo at `b`, forgetting every answer when it is another text.
    private func adopt(_ b: [UInt8]) {
        let p = b.withUnsafeBufferPointer { $0.baseAddress }
        if p != nil && p == base && b.count == bytes.count { return }
        bytes = b
        base = p
        brackets = -1
        mismatches = -1
        for s in salads { s.valid = false }
        for s in soups { s.valid = false }
    }

    /// Bracket bytes ( ) [ ] { } in the whole text.
    func bracketCount() -> Int {
        if brackets < 0 { brackets = TokenSoupDetector.bracketCount(bytes) }
        return brackets
    }

    /// Closing brackets that do not match plus brackets left open, over the whole text.
    func bracketMismatches() -> Int {
        if mismatches < 0 {
            mismatches = bracketCount() == 0 ? 0 : TokenSoupDetector.bracketMismatches(bytes, 0..<bytes.count)
        }
        return mismatches
    }

    /// The word-salad judgement of each of the first `maxTokens` tokens, made once per text.
    func salad(_ lexicon: SaladLexicon, maxTokens: Int) -> SaladTokens {
        var entry: SaladTokens? = nil
        for s in salads where s.lexicon === lexicon && s.maxTokens == maxTokens { entry = s; break }
        let e = entry ?? {
            let s = SaladTokens(lexicon: lexicon, maxTokens: maxTokens)
            salads.append(s)
            return s
        }()
        if !e.valid { e.fill(self) }
        return e
    }

    /// The token-soup pass over the first `maxTokens` tokens, made once per text.
    func soup(maxTokens: Int) -> SoupTokens {
        var entry: SoupTokens? = nil
        for s in soups where s.maxTokens == maxTokens { entry = s; break }
        let e = entry ?? {
            let s = SoupTokens(maxTokens: maxTokens)
            soups.append(s)
            return s
        }()
        if !e.valid { e.fill(self) }
        return e
    }
}
