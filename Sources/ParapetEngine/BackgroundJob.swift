import Dispatch

/// Start-up work run on a global queue while the caller builds something else (the second
/// core is otherwise idle then); `wait` blocks until it is done and returns its result.
final class BackgroundJob<Value: Sendable>: @unchecked Sendable {
    // SAFETY (`@unchecked Sendable`): `value` is written once, by the job, before it signals
    // `done`; it is read only after a `wait` has received that signal.
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    func wait() -> Value {
        done.wait()
        // Signalled again, so a second `wait` returns too.
        defer { done.signal() }
        return value!
    }
}
