import Foundation
import Testing
@testable import ForecastData

@Suite struct FileSplitterTests {
    @Test func parts_StartRightAfterALineBreak() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        var text = "h\n"
        for index in 0..<5000 { text += "row \(index),\(String(repeating: "x", count: index % 37))\n" }
        let path = try files.write(text)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let starts = try FileSplitter.partStarts(descriptor, path: path, dataStart: 2, size: bytes.count, jobs: 2, partBytes: 10_000)
        #expect(starts.first == 2)
        #expect(starts.count > 5)
        #expect(starts == starts.sorted())
        for start in starts.dropFirst() { #expect(bytes[start - 1] == UInt8(ascii: "\n")) }
        let single = try FileSplitter.partStarts(descriptor, path: path, dataStart: 2, size: bytes.count, jobs: 1, partBytes: 10_000)
        #expect(single == [2])
    }
}
