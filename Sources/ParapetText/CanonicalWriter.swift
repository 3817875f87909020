/// Output of the canonical paths: view bytes and, per byte, the input range it came from,
/// written into buffers that grow by doubling (no per-byte array bookkeeping). Owns its memory
/// until `finish`, which copies it into the view's arrays and frees it; used once per view.
struct CanonicalWriter {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var starts: UnsafeMutablePointer<Int32>
    private var ends: UnsafeMutablePointer<Int32>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        bytes = .allocate(capacity: self.capacity)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
    }

    /// Room for `k` more bytes.
    @inline(__always)
    private mutating func reserve(_ k: Int) {
        if count + k > capacity { grow(to: max(2 * capacity, count + k)) }
    }

    private mutating func grow(to n: Int) {
        func moved<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let q = UnsafeMutablePointer<T>.allocate(capacity: n)
            q.moveInitialize(from: p, count: count)
            p.deallocate()
            return q
        }
        bytes = moved(bytes)
        starts = moved(starts)
        ends = moved(ends)
        capacity = n
    }

    @inline(__always)
    mutating func put(_ b: UInt8, _ start: Int32, _ end: Int32) {
        reserve(1)
        bytes[count] = b; starts[count] = start; ends[count] = end
        count += 1
    }

    /// Bytes that all come from one input range (a fold, a copied scalar).
    @inline(__always)
    mutating func put<C: Collection>(_ bs: C, _ start: Int32, _ end: Int32) where C.Element == UInt8 {
        reserve(bs.count)
        for b in bs {
            bytes[count] = b; starts[count] = start; ends[count] = end
            count += 1
        }
    }

    /// The bytes and their map; frees the buffers (the writer must not be used after).
    func finish(originalCount: Int) -> ([UInt8], OffsetMap) {
        defer { bytes.deallocate(); starts.deallocate(); ends.deallocate() }
        let out = Array(UnsafeBufferPointer(start: bytes, count: count))
        let map = OffsetMap(starts: Array(UnsafeBufferPointer(start: starts, count: count)),
                            ends: Array(UnsafeBufferPointer(start: ends, count: count)), originalCount: originalCount)
        return (out, map)
    }
}
