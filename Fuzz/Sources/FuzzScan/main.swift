import FuzzCommon
import Parapet

// The full scan on each target, once with tight limits (limit paths) and once with the defaults.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScan(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(data, count)
    for target in Target.allCases {
        for engine in [FuzzEngines.tight, FuzzEngines.standard] {
            let v = engine.scan(input, target: target)
            checkVerdict(v, input: input, config: engine.config)
            require(v.target == target, "verdict for \(v.target), asked \(target)")
        }
    }
    return 0
}
