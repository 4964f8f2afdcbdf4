/// Why a forest could not be fitted, used or rebuilt; each message names the parameter or the
/// input at fault and the fix, as scikit-learn's validation messages do.
public enum ForestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyperparameter is out of range.
    case invalidParameter(name: String, value: String, expected: String)
    /// Inputs and targets do not fit together.
    case shapeMismatch(String)
    /// Too few rows to fit anything.
    case notEnoughRows(Int)
    /// An input value is NaN or infinite.
    case notFinite(String)
    /// A stored tree is not a well-formed tree.
    case malformedTree(index: Int, reason: String)
    /// The forest carries no node covers, which explaining a prediction needs.
    case missingCovers
    /// Stored node covers do not fit the trees.
    case malformedCovers(String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            "\(name) is \(value) but must be \(expected); pass a value in that range"
        case let .shapeMismatch(detail):
            "inputs and targets do not match: \(detail); give one target per row and the same features in every row"
        case let .notEnoughRows(count):
            "cannot fit a forest on \(count) row(s); give it at least 2 rows"
        case let .notFinite(detail):
            "\(detail) is not a finite number; remove or fix that value"
        case let .malformedTree(index, reason):
            "tree \(index) is malformed: \(reason); the model file is damaged, train a new model"
        case .missingCovers:
            "the model has no node covers (it was trained before explanations existed); retrain it with 'forecast train' to explain its predictions"
        case let .malformedCovers(detail):
            "the node covers do not fit the trees: \(detail); the model file is damaged, train a new model"
        }
    }
}
