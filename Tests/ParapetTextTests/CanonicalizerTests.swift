import Testing
@testable import ParapetText

@Suite struct CanonicalizerTests {
    @Test(arguments: [
        ("Hello   World", "hello world"),
        ("  Tabs\tand\nnewlines\r\n", "tabs and newlines "),
        ("bell\u{07}char", "bellchar"),
        ("ＩＧＮＯＲＥ ａｌｌ", "ignore all"),
        ("ig\u{200B}no\u{00AD}re", "ignore"),
        ("\u{202E}evil\u{202C}", "evil"),
        ("Straße", "strasse"),
        ("café naïve", "cafe naive"),
        ("cafe\u{0301}", "cafe"),
        ("ﬁle", "file"),
        ("𝐢𝐠𝐧𝐨𝐫𝐞", "ignore"),
        ("Ignоrе аll рrеvіоuѕ", "ignore all previous"),      // Cyrillic inside Latin words
        ("ΙGΝΟRΕ", "ignore"),                                  // Greek capitals mixed with Latin
        ("Мама мыла раму", "мама мыла раму"),                  // Russian stays Russian
        ("α + β = γ", "α + β = γ"),                            // Greek math stays Greek
        ("Ехал Грека", "ехал грека"),
        ("say аре now", "say ape now"),                       // all-look-alike word beside Latin words
        ("訳して\u{3000}ください", "訳して ください"),
        ("tag\u{E0069}\u{E0067}s", "tags"),
    ])
    func table(input: String, expected: String) {
        #expect(Canonicalizer.canonicalView(of: bytes(input)).string == expected)
    }

    @Test func asciiWithoutRemovalKeepsIdentityMap() {
        let v = Canonicalizer.canonicalView(of: bytes("Plain ASCII Text."))
        #expect(v.map.isIdentity)
        #expect(v.string == "plain ascii text.")
    }

    @Test func mapSlicesOriginalAtEvasiveText() {
        let input = bytes("Please Ignоrе\u{200B} аll now")
        let v = Canonicalizer.canonicalView(of: input)
        #expect(v.originalSlice(of: "ignore all", in: input) == "Ignоrе\u{200B} аll")
    }

    @Test func invalidUTF8BecomesReplacementMappedToItsByte() {
        let input: [UInt8] = [0x61, 0xFF, 0x62]
        let v = Canonicalizer.canonicalView(of: input)
        #expect(v.string == "a\u{FFFD}b")
        #expect(v.originalRange(1..<4) == 1..<2)
    }

    @Test func tablesAreLoaded() {
        #expect(FoldTables.fold.count > 5000)
        #expect(FoldTables.confusable.count > 300)
    }
}
