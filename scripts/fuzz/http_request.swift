// libFuzzer harness: HTTP/1.x request decoding (HTTPCore.RequestDecoder), the first code that
// sees a client's bytes. Built and run by scripts/fuzz.sh.
//
// Invariants beyond "no crash":
// - a decoded request used between 1 and all of the bytes, and its body is exactly Content-Length;
// - re-serialised (method, target, headers, body) it decodes to the same request, using exactly
//   the re-serialised bytes: nothing the decoder keeps depends on how the client spelled it;
// - a request cut one byte short is incomplete, never a different request or an error: a
//   request split across reads decodes the same as one read whole;
// - an error maps to a 4xx/5xx status with a JSON body.
@testable import HTTPCore

private let decoder = RequestDecoder(limits: ServerLimits())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let result: RequestDecoder.Result
    do {
        result = try decoder.decode(bytes)
    } catch {
        expect((400...599).contains(error.status), "error \(error) has status \(error.status)")
        expect(error.response.body.first == UInt8(ascii: "{"), "error \(error) has no JSON body")
        return 0
    }
    guard case let .request(request, consumed) = result else { return 0 }
    expect(consumed > 0 && consumed <= size, "consumed \(consumed) of \(size) bytes")
    if let length = request.headers.values("content-length").first, let value = Int(length) {
        expect(request.body.count == value, "body of \(request.body.count) bytes for Content-Length \(value)")
    }

    // Split read: one byte short of the request is never a request nor an error.
    let short = UnsafeRawBufferPointer(rebasing: bytes[0..<(consumed - 1)])
    do {
        let partial = try decoder.decode(short)
        if case .request = partial { fatalError("invariant broken: " + "a request one byte short still decoded") }
    } catch {
        fatalError("invariant broken: " + "a request one byte short threw \(error)")
    }

    // Round trip. Lines end in a bare LF and fields are `name:value`, so the copy is never
    // longer than the original, except where invalid UTF-8 became U+FFFD (3 bytes for 1).
    var copy = Array("\(request.method) \(request.path)\(request.query.map { "?" + $0 } ?? "") HTTP/1.\(request.minorVersion)\n".utf8)
    for field in request.headers.fields { copy += Array("\(field.name):\(field.value)\n".utf8) }
    copy.append(UInt8(ascii: "\n"))
    guard copy.count <= ServerLimits().maxHeaderBytes else { return 0 }
    copy += request.body
    let again: RequestDecoder.Result
    do {
        again = try copy.withUnsafeBytes { raw throws(HTTPError) in try decoder.decode(raw) }
    } catch {
        fatalError("invariant broken: " + "re-serialised request threw \(error): \(String(decoding: copy, as: UTF8.self))")
    }
    guard case let .request(decoded, used) = again else {
        fatalError("invariant broken: " + "re-serialised request is incomplete: \(String(decoding: copy, as: UTF8.self))")
    }
    expect(used == copy.count, "re-serialised request used \(used) of \(copy.count) bytes")
    expect(decoded == request, "round trip changed the request: \(request) became \(decoded)")
    return 0
}
