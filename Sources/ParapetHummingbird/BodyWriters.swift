import Hummingbird
import NIOCore
import Parapet
import Synchronization

/// Collects a response body into memory (bounded), for validating non-streamed responses.
struct CollectingWriter {
    final class Box: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }

    struct Writer: ResponseBodyWriter {
        let box: Box
        mutating func write(_ buffer: ByteBuffer) async throws {
            let ok = box.bytes.withLock { b in
                b += buffer.readableBytesView
                return b.count <= box.limit
            }
            if !ok { throw HTTPError(.badGateway, message: "response body too large to validate") }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    let box: Box
    init(limit: Int) { box = Box(limit: limit) }
    var writer: Writer { Writer(box: box) }
    var bytes: [UInt8] { box.bytes.withLock { $0 } }
}

/// Passes SSE bytes through an `SSEValidator` on their way to the client.
struct SSEFilterWriter: ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    var validator: SSEValidator
    let report: @Sendable (Verdict) -> Void

    var erased: any ResponseBodyWriter { self }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard validator.stopped == nil else { return }
        let out = validator.feed(Array(buffer.readableBytesView))
        if let v = validator.blocking { report(v) }
        if !out.isEmpty { try await inner.write(ByteBuffer(bytes: out)) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        let wasStopped = validator.stopped != nil
        let out = validator.finish()
        if !wasStopped, let v = validator.blocking { report(v) }
        if !out.isEmpty { try await inner.write(ByteBuffer(bytes: out)) }
        try await inner.finish(trailingHeaders)
    }
}
