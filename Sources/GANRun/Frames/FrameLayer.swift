import GANCore
import GANRender

/// One layer of a training frame, drawn inside the frame's axes from the trainer's state, over
/// the axes and the layers before it: the built-in ones (``LayeredFramePainter/builtinLayers``),
/// then ``LayeredFramePainter/extraLayers``. A layer must not change the trainer's parameters or
/// random stream; it may run the networks forward (the next step recomputes the activations).
public protocol FrameLayer {
    /// Draws the layer for the frame described by `context`.
    func draw(on canvas: Canvas, context: FrameContext)
}

/// What a ``FrameLayer`` draws from.
public struct FrameContext {
    /// Steps done when the frame is drawn.
    public let step: Int
    /// The trainer: its generator, discriminators and settings.
    public let trainer: Trainer
    /// The frame's axes: data coordinates to pixels (``Axes/pixel(x:y:)``) and the plot area.
    public let axes: Axes
    /// The frame's fixed real points, interleaved x, y.
    public let real: [Float]
    /// G applied to the frame's fixed noise, interleaved x, y.
    public let generated: [Float]
    /// D's field over a grid of the view, when a built-in layer (heatmap, contour) probed it for this frame.
    public let field: Heatmap?
    /// Room right of the axes for a colour bar, when the frame left it (the heatmap's).
    public let colorBar: PixelRect?

    /// A context for drawing layers by hand (``LayeredFramePainter`` builds one per frame).
    public init(step: Int, trainer: Trainer, axes: Axes, real: [Float], generated: [Float],
                field: Heatmap? = nil, colorBar: PixelRect? = nil) {
        (self.step, self.trainer, self.axes, self.real, self.generated) = (step, trainer, axes, real, generated)
        (self.field, self.colorBar) = (field, colorBar)
    }
}
