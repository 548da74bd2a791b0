/// The settings of issue 5 (frame layers, scale): validation and resolution.
extension RunConfig {
    /// The heatmap grid's accepted sizes (samples per axis).
    public static let heatmapResRange = 8...512
    /// The accepted pixel-density multipliers.
    public static let scaleRange = 1...4

    /// Checks the keys of issue 5; throws ``RunError/invalid(field:value:accepted:)``.
    func validateLayers() throws {
        guard !layers.isEmpty else {
            throw RunError.invalid(field: "layers", value: "(empty)", accepted: "a comma-separated list of: \(FrameLayer.acceptedList)")
        }
        guard Self.heatmapResRange.contains(heatmapRes) else {
            throw RunError.invalid(field: "heatmap_res", value: "\(heatmapRes)",
                                   accepted: "a whole number from \(Self.heatmapResRange.lowerBound) to \(Self.heatmapResRange.upperBound)")
        }
        if layers.contains(.density) && layout != .dashboard {
            throw RunError.invalid(field: "layers", value: "density",
                                   accepted: "density with layout dashboard (it is a panel of its own: --layout dashboard)")
        }
        if colorByMode && (try? target().mixture) == nil {
            throw RunError.invalid(field: "color_by_mode", value: "true with preset \(preset.rawValue)",
                                   accepted: "a Gaussian-mixture target (seed, ring8, ring8-veegan, grid25 or a custom mixture)")
        }
        guard Self.scaleRange.contains(scale) else {
            throw RunError.invalid(field: "scale", value: "\(scale)", accepted: "1 (standard) to 4; 2 for high-density displays")
        }
    }
}

extension RunConfigOverrides {
    /// Copies the given keys of issue 5 over `c`.
    func applyLayers(to c: inout RunConfig) {
        if let v = layers { c.layers = v }
        if let v = heatmapRes { c.heatmapRes = v }
        if let v = scale { c.scale = v }
        if let v = colorByMode { c.colorByMode = v }
        if let v = layout { c.layout = v }
    }
}
