extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes in one copy (see HTTPCore's public twin, which this module
    /// cannot import: the generic `append(contentsOf: text.utf8)` copies byte by byte). Internal,
    /// so modules that import both see one `appendUTF8`.
    @inlinable
    mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }
}
