import Foundation
import Testing

/// `scan --jsonl` buffers its output; a peer that sends one line and waits for the verdict
/// before sending the next must still get it (the filter flushes before it waits for input).
@Suite(.serialized) struct JSONLInteractiveTests {
    /// With worker threads too: lines read but not yet answered are answered before the reader waits.
    @Test(arguments: [1, 2]) func eachVerdictArrivesBeforeTheNextLineIsSent(jobs: Int) throws {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["scan", "--jsonl", "--jobs", "\(jobs)"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        for id in 0..<3 {
            input.fileHandleForWriting.write(Data("{\"id\": \(id), \"text\": \"a question about pasta\"}\n".utf8))
            let line = readLine(output.fileHandleForReading, timeout: 60)
            #expect(line?.hasPrefix("{\"id\":\(id),") == true, "verdict \(id): \(line ?? "none within 60 s")")
            if line == nil { return }
        }
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// One line from `handle`, or nil when none arrives within `timeout` seconds.
    private func readLine(_ handle: FileHandle, timeout: Double) -> String? {
        final class Box: @unchecked Sendable { var bytes: [UInt8] = [] }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while read(handle.fileDescriptor, &byte, 1) == 1 {
                if byte == 0x0A { break }
                box.bytes.append(byte)
            }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return String(decoding: box.bytes, as: UTF8.self)
    }
}
