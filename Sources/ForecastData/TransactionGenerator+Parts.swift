/// The pieces `TransactionGenerator` draws from: the product catalogue, pending refunds and the
/// byte-level line writer.
extension TransactionGenerator {
    /// Products by category with fixed prices, drawn once from the seed.
    struct Catalogue {
        /// Category name, share of lines, typical price in euros.
        static let categories: [(name: String, share: Double, price: Double)] = [
            ("electronique", 0.14, 189), ("maison", 0.18, 79), ("mode", 0.24, 59), ("beaute", 0.13, 35),
            ("sport", 0.11, 69), ("livres", 0.09, 22), ("jouets", 0.07, 45), ("epicerie", 0.04, 18),
        ]
        static let productsPerCategory = 40

        let names: [[UInt8]]
        let shares: [Double]
        let prices: [[Int]]

        init(random: inout SplitMix64) {
            names = Self.categories.map { Array($0.name.utf8) }
            shares = Self.categories.map(\.share)
            prices = Self.categories.map { category in
                (0..<Self.productsPerCategory).map { _ in
                    // A right-skewed spread around the typical price: 0.3× … 3×, most below 1×.
                    let u = random.nextUnit()
                    let euros = category.price * (0.3 + 2.7 * u * u)
                    let endings = [99, 90, 50, 0]
                    return max(99, max(1, Int(euros)) * 100 - 100 + endings[random.nextInt(below: endings.count)])
                }
            }
        }

        func draw(_ random: inout SplitMix64) -> (category: Int, cents: Int) {
            let category = random.nextIndex(weights: shares, total: 1)
            return (category, prices[category][random.nextInt(below: Self.productsPerCategory)])
        }
    }

    /// A refund waiting for its day.
    struct Refund {
        var order: Int
        var customer: Int
        var category: Int
        var quantity: Int
        var unitCents: Int
    }

    /// Refunds by due day, in a ring of slots (a refund is due at most 20 days ahead). Arrays,
    /// not a dictionary: dictionary order changes between runs and the bytes must not.
    struct PendingRefunds {
        private var slots = [[Refund]](repeating: [], count: 32)

        mutating func add(_ refund: Refund, dayIndex: Int) {
            slots[dayIndex % slots.count].append(refund)
        }

        mutating func take(dayIndex: Int) -> [Refund] {
            defer { slots[dayIndex % slots.count] = [] }
            return slots[dayIndex % slots.count]
        }
    }

    /// Appends CSV lines as bytes, without `String` formatting in the loop.
    struct LineWriter {
        var bytes: [UInt8] = []
        private let categoryNames = Catalogue.categories.map { Array($0.name.utf8) }

        init() {
            bytes.reserveCapacity((1 << 20) + 4096)
        }

        mutating func line(order: Int, date: String, second: Int, customer: Int, category: Int, quantity: Int, unitCents: Int) {
            bytes.append(UInt8(ascii: "O"))
            digits(order, width: 8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: date.utf8)
            bytes.append(UInt8(ascii: " "))
            digits(second / 3600, width: 2)
            bytes.append(UInt8(ascii: ":"))
            digits(second / 60 % 60, width: 2)
            bytes.append(UInt8(ascii: ":"))
            digits(second % 60, width: 2)
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "C"))
            digits(customer, width: 6)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: categoryNames[category])
            bytes.append(UInt8(ascii: ","))
            if quantity < 0 { bytes.append(UInt8(ascii: "-")) }
            digits(abs(quantity), width: 1)
            bytes.append(UInt8(ascii: ","))
            cents(unitCents)
            bytes.append(UInt8(ascii: ","))
            cents(quantity * unitCents)
            bytes.append(UInt8(ascii: "\n"))
        }

        private mutating func cents(_ value: Int) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            let magnitude = abs(value)
            digits(magnitude / 100, width: 1)
            bytes.append(UInt8(ascii: "."))
            digits(magnitude % 100, width: 2)
        }

        /// `value` (≥ 0) in decimal, zero-padded to at least `width` digits.
        private mutating func digits(_ value: Int, width: Int) {
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of room
            var count = 0
            var rest = value
            withUnsafeMutableBytes(of: &scratch) { room in
                repeat {
                    room[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                    count += 1
                } while rest > 0 && count < 24
                while count < width && count < 24 {
                    room[23 - count] = UInt8(ascii: "0")
                    count += 1
                }
                bytes.append(contentsOf: room[(24 - count)...])
            }
        }
    }
}
