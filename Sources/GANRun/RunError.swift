/// Errors of the run layer: bad configuration (exit code 2) or a failed run (exit code 1).
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// A setting is invalid: which one, what was given, what is accepted.
    case invalid(field: String, value: String, accepted: String)
    /// A configuration file could not be read or parsed.
    case configFile(path: String, reason: String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)
    /// No frames were found to animate.
    case noFrames(pattern: String)
    /// A CSV file of points is unusable: which file, which line (1-based; `nil` for the
    /// whole file) and why.
    case pointsFile(path: String, line: Int?, reason: String)
    /// The picture or file of the `data` setting is unusable as a whole: which file and why
    /// (a CSV row's problem is a ``pointsFile(path:line:reason:)``).
    case dataFile(path: String, reason: String)
    /// `R/M` already holds a run and neither overwriting nor resuming was asked for.
    case runExists(path: String)
    /// A checkpoint cannot be used: missing, damaged, another format version or other settings.
    case checkpoint(path: String, reason: String)

    /// The message: the field, file or path at fault and what is accepted.
    public var description: String {
        switch self {
        case let .invalid(field, value, accepted):
            return "invalid value for \(field): '\(value)'; accepted: \(accepted)"
        case let .configFile(path, reason):
            return "cannot use config file \(path): \(reason)"
        case let .io(path, reason):
            return "I/O error on \(path): \(reason)"
        case let .noFrames(pattern):
            return "no frames matching \(pattern) were found"
        case let .pointsFile(path, line?, reason):
            return "\(path):\(line): \(reason)"
        case let .pointsFile(path, nil, reason):
            return "cannot use points file \(path): \(reason)"
        case let .dataFile(path, reason):
            return "cannot use data file \(path): \(reason)"
        case let .runExists(path):
            return "\(path) already holds a run (config.json); pass --overwrite to replace it or --resume to continue it"
        case let .checkpoint(path, reason):
            return "cannot resume from \(path): \(reason)"
        }
    }

    /// Process exit code: 2 for bad input, 1 for a failed run.
    public var exitCode: Int32 {
        switch self {
        case .invalid, .configFile, .pointsFile, .dataFile, .runExists, .checkpoint: return 2
        case .io, .noFrames: return 1
        }
    }
}
