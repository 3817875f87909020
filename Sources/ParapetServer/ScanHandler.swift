import Hummingbird
import NIOCore
import Parapet
import ParapetJSON

extension ParapetServer {
    /// `POST /v1/scan`: admission, body limit, parse, scan under a deadline, metrics, audit, verdict JSON.
    func handleScan(_ request: Request, context: some RequestContext) async -> Response {
        let started = ContinuousClock.now
        let response = await scan(request, context: context, started: started)
        metrics.requestDuration(ContinuousClock.now - started, route: "/v1/scan", status: Int(response.status.code))
        return response
    }

    private func scan(_ request: Request, context: some RequestContext, started: ContinuousClock.Instant) async -> Response {
        guard let slot = runner.acquire() else { return shed() }
        defer { slot.release() }
        let body: [UInt8]
        switch await readBody(request) {
        case .success(let b): body = b
        case .failure(let r): return r.response
        }
        let parsed: ScanRequest
        switch ScanRequest.parse(body, maxBytes: config.maxBodyBytes) {
        case .success(let p): parsed = p
        case .failure(let e): return JSONResponses.error(.badRequest, code: "bad_request", e.message)
        }
        let pack = store.current
        let target = parsed.target
        let requestID = nextRequestID()
        let hook = config.beforeScan
        let outcome = await runner.run(holding: slot, deadline: config.requestDeadline) { () -> (Verdict, Duration) in
            hook?()
            let t0 = ContinuousClock.now
            let v = pack.guardian.scan(parsed.text, target: target, paranoia: parsed.paranoia)
            return (v, ContinuousClock.now - t0)
        }
        var w = JSONWriter(capacity: 512 + parsed.text.count)
        w.beginObject()
        if let id = parsed.id { w.key("id"); w.writeValue(id) }
        w.key("request_id"); w.writeString(requestID)
        w.key("pack"); w.writeString(pack.hash)
        var entry = AuditEntry(
            requestID: requestID, route: "/v1/scan", packHash: pack.hash, session: parsed.session,
            target: target.rawValue, decision: "", score: 0, rules: [], spans: [], limits: [],
            failMode: nil, latencyMicros: 0, text: audit?.includeContent == true ? parsed.text : nil
        )
        if let (verdict, took) = outcome {
            if let r = parsed.textJSON {
                body[r].withUnsafeBufferPointer { verdict.writeFields(to: &w, original: parsed.text, originalJSON: $0) }
            } else {
                verdict.writeFields(to: &w, original: parsed.text)
            }
            record(verdict, took: took)
            entry.decision = verdict.decision.rawValue
            entry.score = verdict.score
            entry.rules = verdict.ruleIDs
            entry.spans = verdict.findings.map { .init(rule: $0.rule, start: $0.start, end: $0.end) }
            entry.limits = verdict.limits.map(\.kind.rawValue)
            entry.failMode = verdict.failMode?.rawValue
        } else {
            // The scan outlived its deadline: decide through the target's fail mode and say so.
            let mode = config.engine.failMode(for: target)
            let decision: Decision = mode == .closed ? .block : .allow
            writeDeadlineFields(to: &w, target: target, paranoia: parsed.paranoia, decision: decision, mode: mode, text: parsed.text)
            metrics.limitHit("deadline")
            metrics.decision(target: target.rawValue, decision: decision.rawValue, failMode: mode.rawValue)
            logger.warning("scan deadline exceeded", metadata: ["request_id": "\(requestID)", "target": "\(target.rawValue)", "fail_mode": "\(mode.rawValue)"])
            entry.decision = decision.rawValue
            entry.limits = ["deadline"]
            entry.failMode = mode.rawValue
        }
        w.endObject()
        let elapsed = ContinuousClock.now - started
        entry.latencyMicros = Int(ServerMetrics.nanoseconds(elapsed) / 1000)
        audit?.record(entry)
        return JSONResponses.json(.ok, w.bytes)
    }

    private func record(_ verdict: Verdict, took: Duration) {
        let target = verdict.target.rawValue
        metrics.scanDuration(took, target: target)
        metrics.decision(target: target, decision: verdict.decision.rawValue, failMode: verdict.failMode?.rawValue)
        for rule in verdict.ruleIDs { metrics.ruleHit(rule, target: target) }
        for limit in verdict.limits { metrics.limitHit(limit.kind.rawValue) }
    }

    /// The verdict shape for a scan that never finished: no findings, a `deadline` limit, the fail mode.
    private func writeDeadlineFields(to w: inout JSONWriter, target: Target, paranoia: Int?, decision: Decision, mode: FailMode, text: [UInt8]) {
        w.key("decision"); w.writeString(decision.rawValue)
        w.key("target"); w.writeString(target.rawValue)
        w.key("score"); w.writeNumber(0)
        w.key("threshold"); w.writeNumber(config.engine.threshold(for: target))
        w.key("paranoia"); w.writeNumber(min(4, max(1, paranoia ?? config.engine.defaultParanoia)))
        w.key("findings"); w.beginArray(); w.endArray()
        w.key("limits"); w.beginArray()
        w.beginObject()
        w.key("kind"); w.writeString("deadline")
        w.key("detail"); w.writeString("scan did not finish within \(config.requestDeadline)")
        w.endObject()
        w.endArray()
        w.key("fail_mode"); w.writeString(mode.rawValue)
        w.key("text")
        if decision == .block { w.writeNull() } else { w.writeString(String(decoding: text, as: UTF8.self)) }
    }

    /// 503 with `Retry-After`: every scan slot is busy and requests are not queued.
    func shed() -> Response {
        metrics.limitHit("concurrency")
        return JSONResponses.error(.serviceUnavailable, code: "overloaded", "all \(runner.capacity) scan slots are busy; retry later",
                                   extra: [JSONResponses.retryAfter: String(config.retryAfterSeconds)])
    }

    /// Reads the whole body up to `maxBodyBytes`; larger bodies get 413 without being buffered further.
    func readBody(_ request: Request) async -> Result<[UInt8], ErrorResponse> {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > config.maxBodyBytes {
            metrics.limitHit("body_size")
            return .failure(ErrorResponse(response: tooLarge()))
        }
        do {
            var buffer = try await request.body.collect(upTo: config.maxBodyBytes)
            return .success(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch is NIOTooManyBytesError {
            metrics.limitHit("body_size")
            return .failure(ErrorResponse(response: tooLarge()))
        } catch {
            return .failure(ErrorResponse(response: JSONResponses.error(.badRequest, code: "bad_request", "could not read the request body")))
        }
    }

    private func tooLarge() -> Response {
        JSONResponses.error(.contentTooLarge, code: "body_too_large", "request body exceeds \(config.maxBodyBytes) bytes")
    }
}

/// A ready error response carried through a `Result`.
struct ErrorResponse: Error, Sendable {
    let response: Response
}
