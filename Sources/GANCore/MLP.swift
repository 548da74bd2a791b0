/// A multilayer perceptron: Linear → activation → … → Linear (identity output).
///
/// All parameters live in one flat buffer (``parameters``) and all gradients in another of
/// the same layout (``gradients``), so an optimizer updates the whole network in one pass.
/// Activations and backward scratch are allocated once for up to `maxBatch` rows: after
/// `init`, ``forward(_:)`` and ``backward(_:parameterGradients:inputGradient:)`` allocate
/// nothing.
public final class MLP {
    /// Layer widths, input first: `[in, hidden…, out]`.
    public let sizes: [Int]
    public let hiddenActivation: Activation
    public let maxBatch: Int
    public let layers: [Linear]
    public let parameters: FloatBuffer
    public let gradients: FloatBuffer

    /// Post-activation outputs of each layer, `[maxBatch, sizes[l+1]]`.
    private let outputs: [FloatBuffer]
    /// Two ping-pong scratch buffers for upstream gradients, `[maxBatch, max width]`.
    private let scratchA: FloatBuffer
    private let scratchB: FloatBuffer
    /// Gradient with respect to the input, `[maxBatch, sizes[0]]`.
    private let inputGrad: FloatBuffer
    /// The input of the last forward pass (owned by the caller).
    private var lastInput: Matrix?
    private var lastBatch = 0

    /// Builds the network; weights from N(0, initStd²), biases zero.
    public init(sizes: [Int], hiddenActivation: Activation = .relu, maxBatch: Int,
                initStd: Float = 0.01, rng: inout RNG) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 } && maxBatch > 0)
        self.sizes = sizes
        self.hiddenActivation = hiddenActivation
        self.maxBatch = maxBatch
        var total = 0
        for l in 0..<(sizes.count - 1) {
            total += Linear.parameterCount(inFeatures: sizes[l], outFeatures: sizes[l + 1])
        }
        parameters = FloatBuffer(count: total)
        gradients = FloatBuffer(count: total)
        var layers: [Linear] = []
        var offset = 0
        for l in 0..<(sizes.count - 1) {
            let layer = Linear(inFeatures: sizes[l], outFeatures: sizes[l + 1],
                               params: parameters, grads: gradients, offset: offset)
            layer.initialize(std: initStd, rng: &rng)
            layers.append(layer)
            offset += Linear.parameterCount(inFeatures: sizes[l], outFeatures: sizes[l + 1])
        }
        self.layers = layers
        outputs = sizes.dropFirst().map { FloatBuffer(count: maxBatch * $0) }
        let widest = sizes.max()!
        scratchA = FloatBuffer(count: maxBatch * widest)
        scratchB = FloatBuffer(count: maxBatch * widest)
        inputGrad = FloatBuffer(count: maxBatch * sizes[0])
    }

    public var inputSize: Int { sizes[0] }
    public var outputSize: Int { sizes[sizes.count - 1] }
    public var parameterCount: Int { parameters.count }

    private func activation(ofLayer l: Int) -> Activation {
        l == layers.count - 1 ? .identity : hiddenActivation
    }

    /// Runs the network on `x` (`[batch, in]`, batch ≤ maxBatch) and returns a view of the
    /// output `[batch, out]`, valid until the next forward pass. `x` must stay alive and
    /// unchanged until the matching backward pass.
    @discardableResult
    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == sizes[0] && x.rows <= maxBatch, "MLP input \(x.rows)×\(x.cols) does not fit")
        lastInput = x
        lastBatch = x.rows
        var input = x
        for (l, layer) in layers.enumerated() {
            let y = outputs[l].matrix(rows: x.rows, cols: layer.outFeatures)
            layer.forward(input, into: y, activation: activation(ofLayer: l))
            input = y
        }
        return input
    }

    /// Backpropagates `dOut = ∂L/∂output` (`[batch, out]`, same batch as the last forward).
    /// Writes parameter gradients into ``gradients`` when `parameterGradients` is true
    /// (overwriting, not accumulating) and returns ∂L/∂input when `inputGradient` is true.
    @discardableResult
    public func backward(_ dOut: Matrix, parameterGradients: Bool = true,
                         inputGradient: Bool = false) -> Matrix? {
        guard let x = lastInput else { preconditionFailure("backward before forward") }
        let batch = lastBatch
        precondition(dOut.rows == batch && dOut.cols == outputSize, "dOut shape does not match the last forward")
        var upstream = dOut            // ∂L/∂(output of layer l)
        var upstreamBuffer: FloatBuffer? = nil   // which scratch holds `upstream` (nil: caller's)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let y = outputs[l].matrix(rows: batch, cols: layer.outFeatures)
            // delta = ∂L/∂(pre-activation) = upstream ⊙ f'(y), in place when upstream is ours.
            let deltaBuffer = upstreamBuffer ?? scratchA
            let delta = deltaBuffer.matrix(rows: batch, cols: layer.outFeatures)
            // One pass forms delta and, when wanted, the bias gradient db = Σ_rows delta.
            activation(ofLayer: l).backward(dy: upstream.data, output: y.data, into: delta.data,
                                            rows: batch, cols: layer.outFeatures,
                                            columnSums: parameterGradients ? layer.db : nil)
            let layerInput = l == 0 ? x : outputs[l - 1].matrix(rows: batch, cols: layer.inFeatures)
            if parameterGradients { layer.backwardWeights(x: layerInput, delta: delta) }
            if l > 0 {
                let dxBuffer = deltaBuffer === scratchA ? scratchB : scratchA
                let dx = dxBuffer.matrix(rows: batch, cols: layer.inFeatures)
                layer.backwardInput(delta: delta, into: dx)
                upstream = dx
                upstreamBuffer = dxBuffer
            } else if inputGradient {
                let dx = inputGrad.matrix(rows: batch, cols: layer.inFeatures)
                layer.backwardInput(delta: delta, into: dx)
                return dx
            }
        }
        return nil
    }
}
