/// Numbers read from JSON text exactly: Foundation's `JSONSerialization` on Linux may round a
/// number's last bit differently from Swift's correctly rounded `Double(String)`, and the
/// calendar tests compare forecasts bit for bit.
enum ExactNumber {
    /// The value of the first `"key":` number member in `json`, parsed with `Double(String)`.
    static func member(_ key: String, in json: String) -> Double? {
        guard let range = json.range(of: "\"\(key)\":") else { return nil }
        let rest = json[range.upperBound...].drop { $0 == " " }
        let text = rest.prefix { "0123456789+-.eE".contains($0) }
        return Double(text)
    }

    /// Every `"key":` number member in `json`, in order.
    static func members(_ key: String, in json: String) -> [Double] {
        var values: [Double] = []
        var rest = json[...]
        while let range = rest.range(of: "\"\(key)\":") {
            let tail = rest[range.upperBound...].drop { $0 == " " }
            if let value = Double(tail.prefix { "0123456789+-.eE".contains($0) }) { values.append(value) }
            rest = rest[range.upperBound...]
        }
        return values
    }
}
