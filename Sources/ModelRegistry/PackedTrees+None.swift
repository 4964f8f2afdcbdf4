/// The trees of a model without a forest (a rule): none. `count` 0 tells a reader there is
/// nothing to unpack; the checksum is that of no bytes.
extension PackedTrees {
    static let none: PackedTrees = {
        var hasher = SHA256()
        return PackedTrees(count: 0, nodeCounts: [], encoding: PackedTrees.encodingName, sha256: hasher.finalizeHex(), data: "")
    }()

    private init(count: Int, nodeCounts: [Int], encoding: String, sha256: String, data: String) {
        self.count = count
        self.nodeCounts = nodeCounts
        self.encoding = encoding
        self.sha256 = sha256
        self.data = data
    }
}
