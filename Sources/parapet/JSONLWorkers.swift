#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ParapetJSON

/// `scan --jsonl --jobs N`: the reading thread cuts the input into batches of lines, N worker
/// threads answer them, and the reading thread writes the answers in input order. Output is
/// byte-identical to one thread's; memory stays bounded (at most `2 * jobs` batches are out).
/// A peer that sends a line and waits still gets its verdict: when no more input is ready, the
/// lines read so far are answered and written before the reader waits.
struct JSONLWorkers {
    let filter: JSONLFilter
    let jobs: Int

    /// A batch is handed to the workers at this many lines or bytes, whichever comes first.
    static let batchLines = 64
    static let batchBytes = 1 << 18

    /// Lines copied out of the reader's buffer, numbered from `first`.
    struct Batch: Sendable {
        enum Entry: Sendable {
            case text(Range<Int>)
            case tooLong(Int)
        }
        var first: Int
        var bytes: [UInt8] = []
        var entries: [Entry] = []

        /// The line an entry stands for, as the reader gave it.
        func line(_ entry: Entry) -> LineReader.Line {
            switch entry {
            case .text(let r): .text(bytes[r])
            case .tooLong(let n): .tooLong(n)
            }
        }
    }

    /// What the threads share, all under `lock`: batches waiting for a worker, and answers
    /// waiting to be written, by batch number. A pthread lock and condition, which
    /// ThreadSanitizer sees (on Linux it cannot see through `Synchronization.Mutex`).
    final class Shared: @unchecked Sendable {
        private let lock = NSCondition()
        private var queue: [(Int, Batch)] = []
        private var answers: [Int: [UInt8]] = [:]
        private var stopping = false

        func push(_ number: Int, _ batch: Batch) {
            lock.lock()
            queue.append((number, batch))
            lock.broadcast()
            lock.unlock()
        }

        /// The next batch to answer, waiting for one; nil once `stop` was called and none is left.
        func pop() -> (Int, Batch)? {
            lock.lock()
            defer { lock.unlock() }
            while queue.isEmpty && !stopping { lock.wait() }
            return queue.isEmpty ? nil : queue.removeFirst()
        }

        func answer(_ number: Int, _ out: [UInt8]) {
            lock.lock()
            answers[number] = out
            lock.broadcast()
            lock.unlock()
        }

        /// The answer to batch `number`, waiting for it when `wait`; nil when it is not ready.
        func take(_ number: Int, wait: Bool) -> [UInt8]? {
            lock.lock()
            defer { lock.unlock() }
            while wait && answers[number] == nil { lock.wait() }
            return answers.removeValue(forKey: number)
        }

        /// Lets the workers finish once the queue is empty.
        func stop() {
            lock.lock()
            stopping = true
            lock.broadcast()
            lock.unlock()
        }
    }

    func run(_ reader: inout LineReader, fd: Int32) {
        let shared = Shared()
        let filter = self.filter
        for _ in 0..<jobs {
            Thread {
                var w = JSONWriter(capacity: 4096)
                while let (number, batch) = shared.pop() {
                    var out: [UInt8] = []
                    out.reserveCapacity(batch.bytes.count / 2 + 256)
                    for (k, entry) in batch.entries.enumerated() {
                        filter.answer(batch.line(entry), number: batch.first + k, &w, into: &out)
                    }
                    shared.answer(number, out)
                }
            }.start()
        }
        var batch = Batch(first: 1)
        var submitted = 0, written = 0, lineNumber = 0
        let window = 2 * jobs

        func submit() {
            guard !batch.entries.isEmpty else { return }
            shared.push(submitted, batch)
            submitted += 1
            batch = Batch(first: lineNumber + 1)
        }
        /// Writes the answers that are ready, in order, waiting while more than `limit` batches
        /// are still out.
        func write(leaving limit: Int) {
            while written < submitted, let out = shared.take(written, wait: submitted - written > limit) {
                StdIO.write(out)
                written += 1
            }
        }

        while let line = reader.next(beforeRead: {
            // Input that is not ready yet may wait on our answers: hand them all over first.
            if !Self.inputReady(fd) { submit(); write(leaving: 0) }
        }) {
            lineNumber += 1
            switch line {
            case .text(let bytes):
                let start = batch.bytes.count
                batch.bytes.append(contentsOf: bytes)
                batch.entries.append(.text(start..<batch.bytes.count))
            case .tooLong(let n):
                batch.entries.append(.tooLong(n))
            }
            if batch.entries.count >= Self.batchLines || batch.bytes.count >= Self.batchBytes {
                submit()
                write(leaving: window)
            }
        }
        submit()
        write(leaving: 0)
        shared.stop()
    }

    /// The cores online (what `--jobs 0` uses).
    static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Whether reading `fd` would return at once (data or end of input): a regular file always,
    /// a pipe or terminal only when something is waiting in it.
    static func inputReady(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }
}
