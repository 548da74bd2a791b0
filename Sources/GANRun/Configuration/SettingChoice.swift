import GANCore

/// A setting whose value is one of a few names (`gan_type`, `optimizer`, `layers`, …);
/// help and messages list ``names``.
public protocol SettingChoice {
    /// The accepted names.
    static var names: [String] { get }
}

extension SettingChoice {
    /// The names, comma-separated.
    public static var acceptedList: String { names.joined(separator: ", ") }
}

extension SettingChoice where Self: CaseIterable & RawRepresentable, RawValue == String {
    /// Every case's raw value.
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// An optional choice (`g_activation`) or a list of choices (`layers`) takes the same names.
extension Optional: SettingChoice where Wrapped: SettingChoice {
    /// The wrapped choice's names.
    public static var names: [String] { Wrapped.names }
}

extension Array: SettingChoice where Element: SettingChoice {
    /// The element's names.
    public static var names: [String] { Element.names }
}

extension Preset: SettingChoice {}
extension GANObjective: SettingChoice {}
extension OptimizerKind: SettingChoice {}
extension LatentDistribution: SettingChoice {}
extension WeightInitialization: SettingChoice {}
extension FrameLayerName: SettingChoice {}
extension FrameLayout: SettingChoice {}

extension Activation: SettingChoice {
    /// The hidden activations a user may choose (`identity` is the output layer's).
    public static var names: [String] { RunConfig.activations.map(\.rawValue) }
}
