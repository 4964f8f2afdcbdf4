extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes in one copy.
    ///
    /// `append(contentsOf: text.utf8)` takes the generic sequence path, byte by byte: about 140
    /// instructions a call under callgrind, and a `/predict` answer makes some fifty such calls.
    /// Native strings (literals and everything the server builds) hand over their contiguous
    /// UTF-8 instead; only a bridged string falls back to the sequence path.
    @inlinable
    public mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// Appends a literal's bytes: a `StaticString` points at its bytes in the binary, so this is
    /// one copy with nothing to ask first (about half of `appendUTF8`'s cost on a short string,
    /// which must first find out where its bytes live).
    @inlinable
    public mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
