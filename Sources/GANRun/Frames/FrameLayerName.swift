/// The built-in layers of a training frame (`--layers`, config key `layers`; docs/visual-layers.md).
/// Each but `density` (a panel of the dashboard) is drawn by a ``FrameLayer``.
public enum FrameLayerName: String, CaseIterable, Codable, Sendable {
    /// Real and generated points (the seed's scatter).
    case samples
    /// The discriminator's output on a grid behind the points, with a colour bar.
    case heatmap
    /// For each of a fixed subset of generated points, −∂L_G/∂x: where the generator's loss pushes it.
    case arrows
    /// The image of a regular latent grid under G (a 2-D latent, or a 2-D slice of a larger one).
    case manifold
    /// A smoothed 2-D histogram of generated samples beside the true density (dashboard layout).
    case density
    /// The discriminator's decision boundary: D = 0.5, or a critic's median level.
    case contour
}
