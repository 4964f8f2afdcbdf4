#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ForecastData
import Forest

/// The model registry in a directory (default `models/`):
///
/// ```
/// models/versions/v0001-20261122T101530Z.json   one immutable file per trained model
/// models/CURRENT                                line 1: the current version; later lines: the
///                                               versions that were current before, newest first
/// models/.lock                                  flock(2) taken by every change
/// ```
///
/// `CURRENT` is replaced atomically (`AtomicFile`), and it alone records both the current
/// version and the rollback history, so no crash can leave the two disagreeing. Every change
/// holds an exclusive lock on `.lock`, so concurrent `forecast train` runs get distinct
/// versions and a consistent `CURRENT`; readers take no lock (they see the old file or the new).
public struct ModelStore: Sendable {
    /// The registry directory.
    public let directory: String

    /// Rollback history kept in `CURRENT` (older entries are forgotten, the files stay).
    static let historyLimit = 100

    /// A registry rooted at `directory` (created on first registration).
    public init(directory: String) {
        self.directory = directory
    }

    var versionsDirectory: String { directory + "/versions" }
    var currentPath: String { directory + "/CURRENT" }
    var lockPath: String { directory + "/.lock" }

    /// The path of a version's model file.
    public func path(of version: String) -> String { versionsDirectory + "/" + version + ".json" }

    /// The current version, or nil when none has been chosen yet.
    public func currentVersion() throws -> String? {
        try currentStack().first
    }

    /// The current version followed by the versions that were current before it, newest first.
    public func currentStack() throws -> [String] {
        guard FileManager.default.fileExists(atPath: currentPath) else { return [] }
        guard let data = FileManager.default.contents(atPath: currentPath) else {
            throw FileError.cannotRead(path: currentPath, reason: "permission denied or not a file")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        for line in lines where !ModelVersion.isValid(line) {
            throw ModelFileError.registry("\(currentPath) names '\(line)', not a model version; fix it with 'forecast models use VERSION'")
        }
        return lines
    }

    /// Every registered version, oldest first.
    public func versions() throws -> [String] {
        guard FileManager.default.fileExists(atPath: versionsDirectory) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: versionsDirectory)
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter(ModelVersion.isValid).sorted()
    }

    /// The current model, or nil when no version is current.
    public func loadCurrent() throws -> ServableModel? {
        guard let version = try currentVersion() else { return nil }
        return try load(version: version)
    }

    /// Loads and validates one version.
    public func load(version: String) throws -> ServableModel {
        let (file, forecaster) = try loadFile(version: version)
        return try ServableModel(file: file, forecaster: forecaster)
    }

    /// Loads and validates one version's file, returning it and its forecaster.
    public func loadFile(version: String) throws -> (ModelFile, Forecaster) {
        let path = self.path(of: version)
        guard ModelVersion.isValid(version), FileManager.default.fileExists(atPath: path) else {
            throw ModelFileError.unknownVersion(version, available: try versions())
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError.cannotRead(path: path, reason: "permission denied or not a file")
        }
        let (file, forecaster) = try ModelFileCodec.decodeForecaster(data, path: path)
        guard file.modelVersion == version else {
            throw ModelFileError.invalid("\(path) says it is version '\(file.modelVersion)'")
        }
        return (file, forecaster)
    }

    /// The registered version a user means by `name`: the exact version, or its number
    /// (`3`, `v3`, `v0003`).
    public func resolve(_ name: String) throws -> String {
        let all = try versions()
        if all.contains(name) { return name }
        let digits = name.hasPrefix("v") ? name.dropFirst() : Substring(name)
        if let number = Int(digits), let match = all.first(where: { ModelVersion.number(of: $0) == number }) {
            return match
        }
        throw ModelFileError.unknownVersion(name, available: all)
    }

    /// Adds `file` as a new version and makes it current; returns the file as written (with its
    /// version and creation time filled in).
    @discardableResult
    public func register(_ file: ModelFile, now: Date = Date()) throws -> ModelFile {
        try withLock {
            let next = (try versions().compactMap(ModelVersion.number).max() ?? 0) + 1
            var sealed = file
            sealed.modelVersion = ModelVersion.make(number: next, at: now)
            sealed.createdAt = ModelVersion.timestamp(now)
            let path = self.path(of: sealed.modelVersion)
            // The lock makes this check-then-write safe; a version file is never replaced.
            guard !FileManager.default.fileExists(atPath: path) else {
                throw ModelFileError.registry("\(path) already exists; remove stray files from \(versionsDirectory)")
            }
            let data = try ModelFileCodec.encode(sealed)
            try AtomicFile.write(data, to: path)
            try writeStack([sealed.modelVersion] + (try currentStack()))
            return sealed
        }
    }

    /// Makes `version` current (it must load cleanly); the previous current is kept for rollback.
    public func use(version: String) throws {
        try withLock {
            _ = try load(version: version)
            let stack = try currentStack()
            guard stack.first != version else { return }
            try writeStack([version] + stack)
        }
    }

    /// Goes back to the version that was current before the current one; returns
    /// `(from, to)`.
    @discardableResult
    public func rollback() throws -> (from: String, to: String) {
        try withLock {
            let stack = try currentStack()
            guard stack.count >= 2 else { throw ModelFileError.nothingToRollBack }
            _ = try load(version: stack[1])
            try writeStack(Array(stack.dropFirst()))
            return (stack[0], stack[1])
        }
    }

    private func writeStack(_ stack: [String]) throws {
        let kept = stack.prefix(ModelStore.historyLimit)
        try AtomicFile.write(kept.joined(separator: "\n") + "\n", to: currentPath)
    }

    /// Runs `body` holding the registry's exclusive lock (blocking until it is free).
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(atPath: versionsDirectory, withIntermediateDirectories: true)
        } catch {
            throw FileError.cannotWrite(path: versionsDirectory, reason: "cannot create it: \(error.localizedDescription)")
        }
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileError.cannotWrite(path: lockPath, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FileError.cannotWrite(path: lockPath, reason: "cannot lock: " + String(cString: strerror(errno)))
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        // A run killed mid-write left its temporary file; under the lock nobody else writes here.
        AtomicFileStream.removeOrphans(in: versionsDirectory)
        AtomicFileStream.removeOrphans(of: "CURRENT", in: directory)
        return try body()
    }
}
