#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ParapetJSON
import Synchronization

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
    }

    /// What the threads share: batches waiting for a worker (nil tells a worker to stop), and
    /// answers waiting to be written, by batch number.
    final class Shared: Sendable {
        let queue = Mutex<[(Int, Batch)?]>([])
        let answers = Mutex<[Int: [UInt8]]>([:])
        /// One signal per queued entry.
        let queued = DispatchSemaphore(value: 0)
        /// One signal per answer stored.
        let answered = DispatchSemaphore(value: 0)
    }

    func run(_ reader: inout LineReader, fd: Int32) {
        let shared = Shared()
        let filter = self.filter
        for _ in 0..<jobs {
            let t = Thread {
                var w = JSONWriter(capacity: 4096)
                while true {
                    shared.queued.wait()
                    guard let (number, batch) = shared.queue.withLock({ $0.removeFirst() }) else { return }
                    var out: [UInt8] = []
                    out.reserveCapacity(batch.bytes.count / 2 + 256)
                    for (k, entry) in batch.entries.enumerated() {
                        switch entry {
                        case .text(let r): filter.answer(.text(batch.bytes[r]), number: batch.first + k, &w, into: &out)
                        case .tooLong(let n): filter.answer(.tooLong(n), number: batch.first + k, &w, into: &out)
                        }
                    }
                    shared.answers.withLock { $0[number] = out }
                    shared.answered.signal()
                }
            }
            t.start()
        }
        var batch = Batch(first: 1)
        var submitted = 0, written = 0, lineNumber = 0
        let window = 2 * jobs

        func submit() {
            guard !batch.entries.isEmpty else { return }
            let full = batch
            shared.queue.withLock { $0.append((submitted, full)) }
            shared.queued.signal()
            submitted += 1
            batch = Batch(first: lineNumber + 1)
        }
        /// Writes answers in order until at most `limit` batches are still out.
        func write(leaving limit: Int) {
            while true {
                while written < submitted, let out = shared.answers.withLock({ $0.removeValue(forKey: written) }) {
                    StdIO.write(out)
                    written += 1
                }
                if submitted - written <= limit { return }
                // The batch `written` is not answered yet, so its signal is still to come.
                shared.answered.wait()
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
        shared.queue.withLock { $0.append(contentsOf: [(Int, Batch)?](repeating: nil, count: jobs)) }
        for _ in 0..<jobs { shared.queued.signal() }
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
