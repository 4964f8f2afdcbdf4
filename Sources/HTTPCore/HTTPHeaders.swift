/// Request header fields in arrival order, names lowercased once on decode.
///
/// Field names are case-insensitive (RFC 9110 §5.1), so lookups lowercase the asked name and
/// compare exactly. A small array beats a dictionary for the handful of headers a request has.
public struct HTTPHeaders: Sendable, Equatable {
    /// One field. A struct rather than a tuple: an array of tuples is destroyed through the
    /// runtime's generic tuple code, several hundred instructions a request.
    struct Field: Sendable, Equatable {
        /// The lowercased name.
        let name: String
        /// The value without surrounding whitespace.
        let value: String
        /// Which of the fields the server acts on this is, if any (set from the name).
        let known: KnownField?
    }

    private(set) var storage: [Field] = []

    /// The fields as `(lowercased name, value without surrounding whitespace)`.
    public var fields: [(name: String, value: String)] { storage.map { (name: $0.name, value: $0.value) } }

    /// An empty set of fields.
    public init() {}

    /// Builds from pairs; names are lowercased.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { append(name: name, value: value) }
    }

    /// Appends a field; the name is lowercased here so lookups need not.
    public mutating func append(name: String, value: String) {
        let name = HTTPHeaders.lowercased(name)
        storage.append(Field(name: name, value: value, known: KnownField(lowercasedName: name)))
    }

    /// Appends a field the decoder already named (lowercased, and recognised if known).
    mutating func append(_ field: Field) {
        storage.append(field)
    }

    /// Room for `count` fields without growing (a request has a handful: one allocation, not
    /// one per doubling).
    mutating func reserveCapacity(_ count: Int) {
        storage.reserveCapacity(count)
    }

    /// The first value of `name` (any case), or nil.
    public subscript(name: String) -> String? {
        let key = HTTPHeaders.lowercased(name)
        for field in storage where field.name == key { return field.value }
        return nil
    }

    /// The first value of a field the decoder recognised (no string comparison).
    func value(_ field: KnownField) -> String? {
        for candidate in storage where candidate.known == field { return candidate.value }
        return nil
    }

    /// The first `Content-Type` value, or nil.
    public var contentType: String? { value(.contentType) }

    /// Every value of `name` (any case), in order.
    public func values(_ name: String) -> [String] {
        let key = HTTPHeaders.lowercased(name)
        return storage.filter { $0.name == key }.map(\.value)
    }

    /// ASCII-lowercases `name`, without allocating when it already is (the usual lookup key).
    private static func lowercased(_ name: String) -> String {
        var name = name
        // Over the contiguous bytes: the generic `utf8.contains` costs some 30 instructions a
        // byte, and every request looks up two or three fields.
        let hasUpper = name.withUTF8 { bytes in bytes.contains { $0 >= 0x41 && $0 <= 0x5A } }
        return hasUpper ? name.lowercased() : name
    }

    /// How many fields there are.
    public var count: Int { storage.count }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.storage.elementsEqual(rhs.storage) { $0.name == $1.name && $0.value == $1.value }
    }
}
