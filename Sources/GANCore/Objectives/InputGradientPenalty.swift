/// A penalty on the input gradient g_i = ∇ₓ f(x_i) of a scalar-output critic, with its
/// parameter gradient *added* to ``MLP/gradients``: the "double backward" of WGAN-GP
/// (`unitNorm`: (w/n) Σ (‖g_i‖ − 1)²) and R1/R2 (`squaredNorm`: (w/n) Σ ½‖g_i‖²); derivation
/// in docs/variants.md. Runs its own serial forward pass (the MLP's activations stay).
public final class InputGradientPenalty {
    /// Which penalty of ‖∇ₓD‖.
    public enum Kind: Sendable {
        /// (‖g‖ − 1)² per row (WGAN-GP).
        case unitNorm
        /// ½‖g‖² per row (R1, R2).
        case squaredNorm
    }

    /// The discriminator penalized.
    public let network: MLP
    /// The most rows one call takes.
    public let maxBatch: Int
    private let hidden: [FloatBuffer]       // h_{k+1} = f(u_k), k < L−1, [maxBatch, out_k]
    private let deltas: [FloatBuffer]       // δ_k, [maxBatch, out_k]; δ_{L−1} is all ones
    private let upstream: [FloatBuffer]     // a_k = ∂f/∂h_k for k ≥ 1, [maxBatch, in_k]
    /// g = a_0 = ∇ₓf of the last call, `[maxBatch, in]`.
    public let inputGradient: FloatBuffer
    private let gBar: FloatBuffer           // ā_0 = ∂P/∂g
    private let barA: FloatBuffer           // ping-pong δ̄_k / ā_{k+1}
    private let barB: FloatBuffer
    private let uBar: [FloatBuffer]         // ū_k, k < L−1 (only where f'' ≠ 0)
    private let hBar: FloatBuffer           // h̄ scratch

    /// Buffers for `maxBatch` rows of `network`'s input.
    public init(network: MLP, maxBatch: Int) {
        precondition(network.outputSize == 1, "an input-gradient penalty needs a scalar output")
        precondition(maxBatch > 0)
        self.network = network
        self.maxBatch = maxBatch
        let layers = network.layers
        let L = layers.count
        hidden = layers.dropLast().map { FloatBuffer(count: maxBatch * $0.outFeatures) }
        deltas = layers.map { FloatBuffer(count: maxBatch * $0.outFeatures) }
        deltas[L - 1].fill(1)
        upstream = layers.enumerated().map { k, layer in FloatBuffer(count: k == 0 ? 0 : maxBatch * layer.inFeatures) }
        inputGradient = FloatBuffer(count: maxBatch * network.inputSize)
        gBar = FloatBuffer(count: maxBatch * network.inputSize)
        let widest = network.sizes.max()!
        barA = FloatBuffer(count: maxBatch * widest)
        barB = FloatBuffer(count: maxBatch * widest)
        let curved = !network.hiddenActivation.isPiecewiseLinear
        uBar = layers.dropLast().map { FloatBuffer(count: curved ? maxBatch * $0.outFeatures : 0) }
        hBar = FloatBuffer(count: curved ? maxBatch * widest : 0)
    }

    /// Adds ∂P/∂θ to the network's gradients for the rows of `x` (`[n, in]`) and returns P:
    /// forward, input gradient g, P and ∂P/∂g, then back through both passes.
    @discardableResult
    public func penalize(_ x: Matrix, kind: Kind, weight: Float) -> Float {
        let n = x.rows
        precondition(n <= maxBatch && x.cols == network.inputSize, "penalty input does not fit")
        inputGradientPass(x)
        let p = penaltyAndGradient(rows: n, kind: kind, weight: weight)
        backThroughInputGradient(rows: n)
        if !network.hiddenActivation.isPiecewiseLinear { backThroughForward(x) }
        return p
    }

    private func out(_ k: Int, _ n: Int) -> Matrix { hidden[k].matrix(rows: n, cols: network.layers[k].outFeatures) }
    private func delta(_ k: Int, _ n: Int) -> Matrix { deltas[k].matrix(rows: n, cols: network.layers[k].outFeatures) }
    private func a(_ k: Int, _ n: Int) -> Matrix {
        (k == 0 ? inputGradient : upstream[k]).matrix(rows: n, cols: network.layers[k].inFeatures)
    }
    private func input(_ k: Int, _ x: Matrix) -> Matrix { k == 0 ? x : out(k - 1, x.rows) }

    /// h_{k+1} = f(h_k W_k + b_k) through the hidden layers; then a_k = δ_k W_kᵀ and
    /// δ_{k−1} = a_k ⊙ f'(u_{k−1}) down to g = a_0.
    private func inputGradientPass(_ x: Matrix) {
        let layers = network.layers, L = layers.count, f = network.hiddenActivation, n = x.rows
        for k in 0..<(L - 1) { layers[k].forward(input(k, x), into: out(k, n), activation: f) }
        for k in stride(from: L - 1, through: 0, by: -1) {
            layers[k].backwardInput(delta: delta(k, n), into: a(k, n))
            if k > 0 {
                f.backward(dy: a(k, n).data, output: out(k - 1, n).data, into: delta(k - 1, n).data,
                           rows: n, cols: layers[k - 1].outFeatures, columnSums: nil)
            }
        }
    }

    /// P and ā_0 = ∂P/∂g, row by row.
    private func penaltyAndGradient(rows n: Int, kind: Kind, weight: Float) -> Float {
        let d = network.inputSize
        let g = UnsafePointer(inputGradient.base), gb = gBar.base
        let scale = weight / Float(n)
        var total = 0.0
        for i in 0..<n {
            let row = g + i * d, bar = gb + i * d
            var sq: Float = 0
            for j in 0..<d { sq += row[j] * row[j] }
            let norm = sq.squareRoot()
            let c: Float
            switch kind {
            case .unitNorm:
                total += Double((norm - 1) * (norm - 1))
                c = norm > 0 ? scale * 2 * (norm - 1) / norm : 0
            case .squaredNorm:
                total += Double(0.5 * sq)
                c = scale
            }
            for j in 0..<d { bar[j] = c * row[j] }
        }
        return Float(total) * scale
    }

    /// Back through the input-gradient pass: W̄_k += ā_kᵀ δ_k, δ̄_k = ā_k W_k, and
    /// ā_{k+1} = δ̄_k ⊙ f' (with ū_k = δ̄_k ⊙ a_{k+1} ⊙ f'' kept where f'' ≠ 0).
    private func backThroughInputGradient(rows n: Int) {
        let layers = network.layers, L = layers.count, f = network.hiddenActivation
        var aBar = gBar.matrix(rows: n, cols: network.inputSize)
        var next = barA
        for k in 0..<L {
            let layer = layers[k]
            Matrix.gemm(aBar, delta(k, n), into: layer.dW, transposeA: true, beta: 1)   // W̄_k += ā_kᵀ δ_k
            guard k < L - 1 else { break }
            let w = layer.outFeatures
            let dBar = next.matrix(rows: n, cols: w)
            Matrix.gemm(aBar, layer.W, into: dBar)                                       // δ̄_k = ā_k W_k
            let y = UnsafePointer(out(k, n).data), ak1 = UnsafePointer(a(k + 1, n).data), p = dBar.data
            if f.isPiecewiseLinear {
                f.backward(dy: p, output: y, into: p, rows: n, cols: w, columnSums: nil)  // ā_{k+1} = δ̄_k ⊙ f'
            } else {
                let u = uBar[k].base
                for i in 0..<(n * w) {
                    let v = p[i]
                    u[i] = v * ak1[i] * f.secondDerivative(output: y[i])                 // ū_k = δ̄ ⊙ a_{k+1} ⊙ f''
                    p[i] = v * f.derivative(output: y[i])
                }
            }
            aBar = dBar
            next = next === barA ? barB : barA
        }
    }

    /// Down the forward pass where f'' ≠ 0: h̄_{k+1} = ū_{k+1} W_{k+1}ᵀ joins ū_k through f',
    /// then W̄_k += h_kᵀ ū_k and b̄_k += Σ_rows ū_k.
    private func backThroughForward(_ x: Matrix) {
        let layers = network.layers, L = layers.count, f = network.hiddenActivation, n = x.rows
        for k in stride(from: L - 2, through: 0, by: -1) {
            let w = layers[k].outFeatures
            let u = uBar[k].matrix(rows: n, cols: w)
            if k < L - 2 {
                let h = hBar.matrix(rows: n, cols: w)
                Matrix.gemm(uBar[k + 1].matrix(rows: n, cols: layers[k + 1].outFeatures), layers[k + 1].W,
                            into: h, transposeB: true)                                   // h̄_{k+1} = ū_{k+1} W_{k+1}ᵀ
                let y = UnsafePointer(out(k, n).data), hp = UnsafePointer(h.data)
                for i in 0..<(n * w) { u.data[i] += hp[i] * f.derivative(output: y[i]) }
            }
            Matrix.gemm(input(k, x), u, into: layers[k].dW, transposeA: true, beta: 1)   // W̄_k += h_kᵀ ū_k
            let db = layers[k].db
            for i in 0..<n { let row = u.data + i * w; for j in 0..<w { db[j] += row[j] } }
        }
    }
}
