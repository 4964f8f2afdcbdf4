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

    @Test func temporaryFilesOfKilledWritersAreRemoved_LiveOnesKept() throws {
        let files = try TemporaryFiles()
        defer { files.cleanUp() }
        let path = try files.write("old", to: "out.csv")
        // No process has this id (above the kernel's pid_max); ours is alive.
        let orphan = ".out.csv.2147483646.A1B2.tmp"
        let live = ".out.csv.\(getpid()).C3D4.tmp"
        let other = ".other.csv.2147483646.E5F6.tmp"
        for name in [orphan, live, other] { _ = try files.write("half", to: name) }
        try AtomicFile.write("new", to: path)
        let left = try FileManager.default.contentsOfDirectory(atPath: files.folder.path).sorted()
        #expect(left == [live, other, "out.csv"].sorted())
        AtomicFileStream.removeOrphans(in: files.folder.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.folder.path).sorted() == [live, "out.csv"].sorted())
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
