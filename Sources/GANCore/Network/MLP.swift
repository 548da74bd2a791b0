/// A multilayer perceptron: Linear → activation → … → Linear (identity output).
///
/// Parameters and gradients each live in one flat buffer of the same layout; activations and
/// scratch are allocated in `init` for `maxBatch` rows. A batch of ≥ ``parallelMinimumRows``
/// rows runs as ``rowBlocks`` fixed row blocks in parallel; only the parameter gradients mix
/// rows, and the blocks' partials are added in block order, so the numbers do not depend on
/// the number of workers (tested).
public final class MLP {
    /// Layer widths, input first: `[in, hidden…, out]`.
    public let sizes: [Int]
    /// The activation after every hidden layer (the output layer is linear).
    public let hiddenActivation: Activation
    /// The most rows one forward pass takes; buffers are sized for it.
    public let maxBatch: Int
    /// The layers, input first: views into ``parameters`` and ``gradients``.
    public let layers: [Linear]
    /// Every weight and bias, layer after layer (W then b).
    public let parameters: FloatBuffer
    /// ∂L/∂parameters after ``backward(_:parameterGradients:inputGradient:)``, same layout.
    public let gradients: FloatBuffer

    private let outputs: [FloatBuffer]      // post-activation outputs, [maxBatch, sizes[l+1]]
    private let scratchA: FloatBuffer       // ping-pong upstream gradients, [maxBatch, widest]
    private let scratchB: FloatBuffer
    private let widest: Int                 // the row stride of each worker's scratch region
    private let inputGrad: FloatBuffer      // ∂L/∂input, [maxBatch, sizes[0]]
    /// Runs the row blocks in parallel (`nil`: serially).
    public let runner: ParallelRunner?
    private let workerGradients: [FloatBuffer]   // partial gradients of blocks 1…n−1, and views
    private let workerLayers: [[Linear]]
    /// Batches smaller than this run as one block: splitting would cost more than it saves.
    public static let parallelMinimumRows = 128
    /// Row blocks of a large batch (and so the most threads a pass can use).
    public static let rowBlocks = 2
    private var lastInput: Matrix?          // the last forward's input (the caller's)
    private var lastBatch = 0

    /// Builds the network; weights drawn by `initialization`, biases zero.
    public init(sizes: [Int], hiddenActivation: Activation = .relu, maxBatch: Int,
                initialization: WeightInitialization = .normal, initStd: Float = 0.01,
                rng: inout RNG, runner: ParallelRunner? = ParallelRunner.shared) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 } && maxBatch > 0)
        self.sizes = sizes
        self.hiddenActivation = hiddenActivation
        self.maxBatch = maxBatch
        let total = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }   // W and b per layer
        parameters = FloatBuffer(count: total)
        gradients = FloatBuffer(count: total)
        layers = Self.makeLayers(sizes, params: parameters, grads: gradients)
        for layer in layers { layer.initialize(initialization, std: initStd, rng: &rng) }
        outputs = sizes.dropFirst().map { FloatBuffer(count: maxBatch * $0) }
        widest = sizes.max()!
        scratchA = FloatBuffer(count: maxBatch * widest)
        scratchB = FloatBuffer(count: maxBatch * widest)
        inputGrad = FloatBuffer(count: maxBatch * sizes[0])
        self.runner = (runner?.workers ?? 1) > 1 ? runner : nil
        let extra = maxBatch >= Self.parallelMinimumRows ? Self.rowBlocks - 1 : 0
        let params = parameters, workerGradients = (0..<extra).map { _ in FloatBuffer(count: total) }
        self.workerGradients = workerGradients
        workerLayers = workerGradients.map { Self.makeLayers(sizes, params: params, grads: $0) }
    }

    /// The layers of `sizes` as views into `params` and `grads`, input first.
    private static func makeLayers(_ sizes: [Int], params: FloatBuffer, grads: FloatBuffer) -> [Linear] {
        var offset = 0
        return zip(sizes, sizes.dropFirst()).map { n, m in
            defer { offset += Linear.parameterCount(inFeatures: n, outFeatures: m) }
            return Linear(inFeatures: n, outFeatures: m, params: params, grads: grads, offset: offset)
        }
    }

    /// Input width.
    public var inputSize: Int { sizes[0] }
    /// Output width.
    public var outputSize: Int { sizes[sizes.count - 1] }
    /// Number of parameters.
    public var parameterCount: Int { parameters.count }

    private func activation(ofLayer l: Int) -> Activation {
        l == layers.count - 1 ? .identity : hiddenActivation
    }

    /// Runs the network on `x` (`[batch, in]`, batch ≤ maxBatch) and returns a view of the
    /// output `[batch, out]`, valid until the next forward pass. `x` must stay alive and
    /// unchanged until the matching backward pass.
    @discardableResult
    public func forward(_ x: Matrix) -> Matrix {
        let blocks = beginForward(x)
        parallel(blocks) { b in forwardBlock(b, of: blocks) }
        return output(rows: x.rows)
    }

    /// Row blocks for a batch: fixed by its size, never by the thread count.
    func blockCount(_ rows: Int) -> Int {
        rows >= Self.parallelMinimumRows && !workerGradients.isEmpty ? Self.rowBlocks : 1
    }

    /// Runs `body` for each block, on the runner's threads when there is one.
    func parallel(_ blocks: Int, _ body: (Int) -> Void) {
        if let runner { runner.run(blocks: blocks, body) } else { for b in 0..<blocks { body(b) } }
    }

    // MARK: Block by block (for callers that fuse several passes into one fork)
    // forward = beginForward, then forwardBlock per block; backward = backwardBlock per block,
    // then addPartialGradients. Blocks of several networks may share a fork if each block
    // reads only rows its own block wrote.

    /// Records `x` as the input of the next blocked forward pass; returns its block count.
    func beginForward(_ x: Matrix) -> Int {
        precondition(x.cols == sizes[0] && x.rows <= maxBatch, "MLP input \(x.rows)×\(x.cols) does not fit")
        lastInput = x
        lastBatch = x.rows
        return blockCount(x.rows)
    }

    /// The forward pass of block `b` of the batch given to ``beginForward(_:)``.
    func forwardBlock(_ b: Int, of blocks: Int) {
        guard let x = lastInput else { preconditionFailure("forwardBlock before beginForward") }
        forwardRows(x, ParallelRunner.range(b, of: x.rows, blocks: blocks))
    }

    /// Per hidden layer, the fraction of units inactive (``Activation/isActive(_:)``) on every
    /// row of the last forward pass: they pass no gradient, and a layer of them cuts G off.
    public func inactiveUnitFractions() -> [Double] {
        (0..<(layers.count - 1)).map { l in
            let width = sizes[l + 1], y = outputs[l].base
            var active = [Bool](repeating: false, count: width)
            for i in 0..<lastBatch {
                for j in 0..<width where !active[j] { active[j] = hiddenActivation.isActive(y[i * width + j]) }
            }
            return Double(active.count { !$0 }) / Double(width)
        }
    }

    /// The output of the last forward pass, `[rows, out]`.
    func output(rows: Int) -> Matrix {
        outputs[layers.count - 1].matrix(rows: rows, cols: outputSize)
    }

    /// ∂L/∂input of the last backward pass, `[rows, in]`.
    func inputGradient(rows: Int) -> Matrix {
        inputGrad.matrix(rows: rows, cols: inputSize)
    }

    /// The backward pass of block `b` of the last forward's batch (partial parameter gradients:
    /// block 0 into ``gradients``, the others into their own buffers until they are added).
    func backwardBlock(_ b: Int, of blocks: Int, dOut: Matrix, parameterGradients: Bool, inputGradient: Bool) {
        guard let x = lastInput else { preconditionFailure("backward before forward") }
        let batch = lastBatch
        precondition(dOut.rows == batch && dOut.cols == outputSize, "dOut shape does not match the last forward")
        backwardRows(dOut, x, ParallelRunner.range(b, of: batch, blocks: blocks),
                     layers: b == 0 ? layers : workerLayers[b - 1],
                     parameterGradients: parameterGradients, inputGradient: inputGradient)
    }

    /// gradients[i] += blocks 1 ..< blocks' partials, in block order, for i in `range`.
    func addPartialGradients(_ range: Range<Int>, blocks: Int) {
        let g = gradients.base
        for p in workerGradients.prefix(blocks - 1) {
            let q = p.base
            for i in range { g[i] += q[i] }
        }
    }

    /// Backpropagates `dOut = ∂L/∂output` (`[batch, out]` of the last forward): overwrites
    /// ``gradients`` if `parameterGradients`, returns ∂L/∂input if `inputGradient`.
    @discardableResult
    public func backward(_ dOut: Matrix, parameterGradients: Bool = true,
                         inputGradient: Bool = false) -> Matrix? {
        let blocks = blockCount(lastBatch)
        parallel(blocks) { b in
            backwardBlock(b, of: blocks, dOut: dOut, parameterGradients: parameterGradients, inputGradient: inputGradient)
        }
        if parameterGradients && blocks > 1 {
            let n = gradients.count
            parallel(blocks) { b in addPartialGradients(ParallelRunner.range(b, of: n, blocks: blocks), blocks: blocks) }
        }
        return inputGradient ? self.inputGradient(rows: lastBatch) : nil
    }

    private func forwardRows(_ x: Matrix, _ r: Range<Int>) {
        var input = x.rows(from: r.lowerBound, count: r.count)
        for (l, layer) in layers.enumerated() {
            let y = outputs[l].matrix(rows: r.count, cols: layer.outFeatures, offset: r.lowerBound * layer.outFeatures)
            layer.forward(input, into: y, activation: activation(ofLayer: l))
            input = y
        }
    }

    /// The backward pass of rows `r`; parameter gradients through `layers`' dW and db.
    private func backwardRows(_ dOut: Matrix, _ x: Matrix, _ r: Range<Int>, layers: [Linear],
                              parameterGradients: Bool, inputGradient: Bool) {
        let n = r.count, first = r.lowerBound
        // Scratch views of different layers have different widths, so each worker's scratch
        // region starts at its first row times the widest layer: regions never overlap.
        let scratchOffset = first * widest
        var upstream = dOut.rows(from: first, count: n)   // ∂L/∂(output of layer l)
        var upstreamBuffer: FloatBuffer? = nil            // which scratch holds `upstream` (nil: caller's)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let out = layer.outFeatures, inp = layer.inFeatures
            let y = outputs[l].matrix(rows: n, cols: out, offset: first * out)
            // delta = ∂L/∂(pre-activation) = upstream ⊙ f'(y), in place when upstream is ours.
            let deltaBuffer = upstreamBuffer ?? scratchA
            let delta = deltaBuffer.matrix(rows: n, cols: out, offset: scratchOffset)
            activation(ofLayer: l).backward(dy: upstream.data, output: y.data, into: delta.data,
                                            rows: n, cols: out,
                                            columnSums: parameterGradients ? layer.db : nil)
            let layerInput = l == 0 ? x.rows(from: first, count: n)
                                    : outputs[l - 1].matrix(rows: n, cols: inp, offset: first * inp)
            if parameterGradients { layer.backwardWeights(x: layerInput, delta: delta) }
            if l > 0 {
                let dxBuffer = deltaBuffer === scratchA ? scratchB : scratchA
                let dx = dxBuffer.matrix(rows: n, cols: inp, offset: scratchOffset)
                layer.backwardInput(delta: delta, into: dx)
                upstream = dx
                upstreamBuffer = dxBuffer
            } else if inputGradient {
                layer.backwardInput(delta: delta, into: inputGrad.matrix(rows: n, cols: inp, offset: first * inp))
            }
        }
    }
}
