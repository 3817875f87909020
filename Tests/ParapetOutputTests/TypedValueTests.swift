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
