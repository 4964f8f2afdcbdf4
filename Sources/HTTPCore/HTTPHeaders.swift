/// Request header fields in arrival order, names lowercased once on decode.
///
/// Field names are case-insensitive (RFC 9110 §5.1), so lookups lowercase the asked name and
/// compare exactly. A small array beats a dictionary for the handful of headers a request has.
public struct HTTPHeaders: Sendable, Equatable {
    /// The fields as `(lowercased name, value without surrounding whitespace)`.
    public private(set) var fields: [(name: String, value: String)] = []

    /// An empty set of fields.
    public init() {}

    /// Builds from pairs; names are lowercased.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { append(name: name, value: value) }
    }

    /// Appends a field; the name is lowercased here so lookups need not.
    public mutating func append(name: String, value: String) {
        fields.append((name: HTTPHeaders.lowercased(name), value: value))
    }

    /// Appends a field whose name the decoder already lowercased.
    mutating func append(lowercasedName name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// The first value of `name` (any case), or nil.
    public subscript(name: String) -> String? {
        let key = HTTPHeaders.lowercased(name)
        for field in fields where field.name == key { return field.value }
        return nil
    }

    /// Every value of `name` (any case), in order.
    public func values(_ name: String) -> [String] {
        let key = HTTPHeaders.lowercased(name)
        return fields.filter { $0.name == key }.map(\.value)
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
    public var count: Int { fields.count }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
