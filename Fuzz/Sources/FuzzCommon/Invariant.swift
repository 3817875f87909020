#if canImport(Glibc)
import Glibc
#endif

/// Stops the fuzzer with a message when an invariant fails; libFuzzer saves the input as a crasher.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fputs("invariant failed at \(file):\(line): \(message())\n", stderr)
        abort()
    }
}

/// Copies libFuzzer's input buffer (which may be a null pointer when empty).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
}
