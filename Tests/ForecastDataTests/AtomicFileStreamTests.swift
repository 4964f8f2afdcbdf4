import Foundation
import Testing
@testable import ForecastData

@Suite struct AtomicFileStreamTests {
    @Test func commit_ReplacesTheFileWhole() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let path = try files.write("old", to: "out.csv")
        let stream = try AtomicFileStream(path: path)
        for index in 0..<100_000 { try stream.append("line \(index)\n") }  // several 1 MiB flushes
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old", "not visible before commit")
        try stream.commit()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("line 0\nline 1\n"))
        #expect(text.hasSuffix("line 99999\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.folder.path) == ["out.csv"])
    }

    @Test func droppedWithoutCommit_LeavesThePreviousFileAndNoTemporary() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let path = try files.write("old", to: "out.csv")
        do {
            let stream = try AtomicFileStream(path: path)
            try stream.append(String(repeating: "x", count: 3 << 20))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.folder.path) == ["out.csv"])
    }

    @Test func missingFolders_AreCreated() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let stream = try AtomicFileStream(path: files.path("a/b/out.csv"))
        try stream.append("x")
        try stream.commit()
        #expect(try String(contentsOfFile: files.path("a/b/out.csv"), encoding: .utf8) == "x")
    }
}
