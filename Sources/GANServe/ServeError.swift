/// Why `ganscope serve` cannot start.
public enum ServeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The result directory does not exist or is not a directory.
    case notADirectory(path: String)
    /// A setting is out of range.
    case invalid(field: String, value: String, accepted: String)

    public var description: String {
        switch self {
        case let .notADirectory(path):
            return "result_dir: '\(path)' is not a directory; give the --result-dir of a run (accepted: an existing directory)"
        case let .invalid(field, value, accepted):
            return "\(field): '\(value)' is not accepted (accepted: \(accepted))"
        }
    }
}
