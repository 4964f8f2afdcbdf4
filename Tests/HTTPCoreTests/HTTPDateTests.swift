import Testing
@testable import HTTPCore

/// IMF-fixdate formatting (RFC 9110 §5.6.7).
struct HTTPDateTests {
    @Test func formatsTheRFCExample() {
        #expect(String(decoding: HTTPDate.format(784_111_777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func refreshFillsTheValue() {
        var date = HTTPDate()
        date.refresh()
        #expect(date.bytes.count == 29)
    }
}
