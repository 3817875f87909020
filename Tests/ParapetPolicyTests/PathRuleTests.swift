import Testing
@testable import ParapetPolicy

@Suite struct PathRuleTests {
    @Test(arguments: [
        ("/workspace/a/../b.txt", "/workspace/b.txt"),
        ("/workspace/./a//b/", "/workspace/a/b"),
        ("/../../etc/passwd", "/etc/passwd"),
        ("/workspace/../../etc", "/etc"),
        ("/", "/"),
    ])
    func normalizesLexically(raw: String, expected: String) {
        #expect(PathRule.normalize(raw) == expected)
    }

    @Test func relativePathsNeedABase() {
        #expect(PathRule.normalize("notes.md") == nil)
        #expect(PathRule.normalize("notes/../x.md", base: "/workspace") == "/workspace/x.md")
        #expect(PathRule.normalize("../../etc/shadow", base: "/workspace/p") == "/etc/shadow")
        #expect(PathRule.normalize("/a\u{0}b") == nil)
    }

    /// The byte-level normalizer must agree with the plain segment-list definition on any path.
    @Test func byteNormalizerMatchesTheSegmentDefinition() {
        func reference(_ raw: String, base: String?) -> String? {
            if raw.utf8.contains(0) { return nil }
            var full = raw
            if !raw.hasPrefix("/") {
                guard let base, base.hasPrefix("/") else { return nil }
                full = base + "/" + raw
            }
            var parts: [Substring] = []
            for seg in full.split(separator: "/") {
                if seg == "." { continue }
                if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
                parts.append(seg)
            }
            return "/" + parts.joined(separator: "/")
        }
        let pieces = ["/", "a", "bc", ".", "..", "...", ".x", "//", "é"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let raw = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let base: String? = [nil, "/w", "/w/x/", "rel"].randomElement(using: &rng)!
            #expect(PathRule.normalize(raw, base: base) == reference(raw, base: base), "\(raw) base \(base ?? "nil")")
        }
    }

    @Test(arguments: [
        ("/workspace/**", "/workspace", true),
        ("/workspace/**", "/workspace/a/b/c.txt", true),
        ("/workspace/**", "/workspaces/x", false),
        ("/workspace/*.md", "/workspace/readme.md", true),
        ("/workspace/*.md", "/workspace/docs/readme.md", false),
        ("/workspace/**/*.md", "/workspace/docs/deep/readme.md", true),
        ("/workspace/file?.txt", "/workspace/file1.txt", true),
        ("/workspace/file?.txt", "/workspace/file10.txt", false),
        ("/home/*/notes/**", "/home/ann/notes/x", true),
    ])
    func globs(glob: String, path: String, matches: Bool) {
        #expect(Glob(glob).matches(path) == matches)
    }

    @Test func traversalOutOfTheAllowlistIsRefused() {
        var c = ArgConstraint()
        c.path = PathRule(allow: [Glob("/workspace/**")], deny: [Glob("/workspace/.git/**")], base: "/workspace")
        #expect(violation(c, "/workspace/src/main.swift") == nil)
        #expect(violation(c, "src/../README.md") == nil)
        #expect(violation(c, "/workspace/../etc/passwd")?.contains("outside") == true)
        #expect(violation(c, "../../root/.ssh/id_rsa")?.contains("/root/.ssh/id_rsa") == true)
        #expect(violation(c, "/workspace/.git/config")?.contains("denied") == true)
        #expect(violation(c, 42)?.contains("must be a string") == true)
    }
}
