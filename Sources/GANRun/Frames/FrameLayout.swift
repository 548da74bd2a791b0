/// How a training frame is laid out (`--layout`, config key `layout`).
public enum FrameLayout: String, CaseIterable, Codable, Sendable {
    /// One 800×600 panel: the seed's scatter with the chosen layers.
    case single
    /// One 1280×720 frame: the samples panel with its layers, the density of generated
    /// samples beside the true density, and the loss and metric curves up to the current step.
    case dashboard
}
