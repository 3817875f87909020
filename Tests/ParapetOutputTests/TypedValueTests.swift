import Testing
@testable import ParapetOutput

@Test func typedRunsMarkGeneratedLookingValuesAsFakes() {
    #expect(SecretValue.isHighEntropy(Array("Qm7vX2pL9sKw4ZtR8nYc".utf8)[...]))
    #expect(!SecretValue.isHighEntropy(Array("px-dep-d4c3b2a1-f6e5-h8g7-j1i8".utf8)[...]))
    #expect(!SecretValue.isHighEntropy(Array("Qm7vX2pLvwxyzKw4ZtR8nYc".utf8)[...]))
    #expect(!SecretValue.isHighEntropy(Array("Qm7vX2pL98765Kw4ZtR8nYc".utf8)[...]))
}

@Test func humanPasswordsKeepTypedRunsButNotTheAnonymousMailName() {
    #expect(SecretValue.isLiteral(Array("abuser12345".utf8)[...]))
    #expect(SecretValue.isLiteral(Array("super$ecret".utf8)[...]))
    #expect(!SecretValue.isLiteral(Array("guest@".utf8)[...]))
    #expect(SecretValue.isLiteral(Array("gu3st@x".utf8)[...]))
}

@Test func theRFC7617ExamplePasswordIsDocumentationNotASecret() {
    for v in ["open sesame", "open_sesame", "Open-Sesame", "OPENSESAME"] {
        #expect(!SecretValue.isLiteral(Array(v.utf8)[...]), "\(v)")
    }
    // Near relatives are chosen passwords and stay literal; so do bare field words, which only the
    // password rule's self-named check (value = the field's own word) treats as stand-ins.
    for v in ["open sesame!", "sesame", "opensesame2", "password", "secret"] {
        #expect(SecretValue.isLiteral(Array(v.utf8)[...]), "\(v)")
    }
}
