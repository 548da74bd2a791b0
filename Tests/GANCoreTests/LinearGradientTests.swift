import Testing
@testable import GANCore

/// `Linear`: forward y = x·W + b, and dW, db, dx against central differences.
///
/// The loss L = Σ c⊙y + ½Σ y² is quadratic in every single parameter, so a central
/// difference has no truncation error at all; what remains is the Float round-off of y
/// (≈ 6e-8·|L| ≈ 1e-6 per evaluation), divided by 2h = 2e-2: about 1e-4 against gradients of
/// order 1. Tolerance 1e-3 relative plus 1e-3 of the largest entry.
@Suite("Linear layer gradients")
struct LinearGradientTests {
    static let batch = 5, inF = 3, outF = 4

    /// A layer placed at a non-zero offset in its buffers (as in an MLP), with random W, b.
    struct Fixture {
        let params: FloatBuffer, grads: FloatBuffer, layer: Linear
        let x: FloatBuffer, y: FloatBuffer, c: [Double]

        init(offset: Int) {
            let count = Linear.parameterCount(inFeatures: inF, outFeatures: outF)
            params = FloatBuffer(count: offset + count + 3)
            grads = FloatBuffer(count: offset + count + 3)
            layer = Linear(inFeatures: inF, outFeatures: outF, params: params, grads: grads, offset: offset)
            var rng = RNG(seed: 21)
            layer.initialize(std: 0.7, rng: &rng)
            for j in 0..<outF { layer.b[j] = Float(j) * 0.3 - 0.4 }   // initialize() zeroes b
            x = FloatBuffer(GradientCheck.normals(batch * inF, seed: 22).map(Float.init))
            y = FloatBuffer(count: batch * outF)
            c = GradientCheck.normals(batch * outF, seed: 23)
        }

        var xm: Matrix { x.matrix(rows: batch, cols: inF) }
        var ym: Matrix { y.matrix(rows: batch, cols: outF) }

        func loss() -> Double {
            layer.forward(xm, into: ym)
            return GradientCheck.quadraticLoss(ym, c)
        }
    }

    @Test func forwardIsXWPlusB() {
        let f = Fixture(offset: 0)
        f.layer.forward(f.xm, into: f.ym)
        for i in 0..<Self.batch {
            for j in 0..<Self.outF {
                var s = Double(f.layer.b[j])
                for p in 0..<Self.inF { s += Double(f.xm[i, p]) * Double(f.layer.W[p, j]) }
                #expect(abs(Double(f.ym[i, j]) - s) <= 1e-5)
            }
        }
    }

    @Test("dW, db, dx match central differences", arguments: [0, 7])
    func gradientsMatch(offset: Int) {
        let f = Fixture(offset: offset)
        _ = f.loss()
        let delta = FloatBuffer(count: Self.batch * Self.outF)
        GradientCheck.quadraticLossGradient(f.ym, f.c, into: delta.matrix(rows: Self.batch, cols: Self.outF))
        let dm = delta.matrix(rows: Self.batch, cols: Self.outF)
        Self.backwardParameters(f.layer, x: f.xm, delta: dm)
        let dx = FloatBuffer(count: Self.batch * Self.inF)
        f.layer.backwardInput(delta: dm, into: dx.matrix(rows: Self.batch, cols: Self.inF))

        let h: Float = 1e-2
        let nW = GradientCheck.numeric(f.layer.W.data, count: Self.inF * Self.outF, h: h, loss: f.loss)
        let nb = GradientCheck.numeric(f.layer.b, count: Self.outF, h: h, loss: f.loss)
        let nx = GradientCheck.numeric(f.x.base, count: Self.batch * Self.inF, h: h, loss: f.loss)
        let aW = (0..<(Self.inF * Self.outF)).map { f.layer.dW.data[$0] }
        let ab = (0..<Self.outF).map { f.layer.db[$0] }
        GradientCheck.expectMatch(aW, nW, relTol: 1e-3, absTol: 1e-3, "dW")
        GradientCheck.expectMatch(ab, nb, relTol: 1e-3, absTol: 1e-3, "db")
        GradientCheck.expectMatch(dx.array, nx, relTol: 1e-3, absTol: 1e-3, "dx")

        // The gradients land in the layer's slice of the shared buffer and nowhere else.
        let g = f.grads.array
        #expect(g[..<offset].allSatisfy { $0 == 0 })
        #expect(g[(offset + Linear.parameterCount(inFeatures: Self.inF, outFeatures: Self.outF))...]
            .allSatisfy { $0 == 0 })
    }

    /// dW and db as the MLP forms them: the weights' product, db by the identity's column sums.
    static func backwardParameters(_ layer: Linear, x: Matrix, delta: Matrix) {
        layer.backwardWeights(x: x, delta: delta)
        Activation.identity.backward(dy: delta.data, output: delta.data, into: delta.data,
                                     rows: delta.rows, cols: delta.cols, columnSums: layer.db)
    }

    /// The backward pass overwrites: a second call with the same delta gives the same dW, db.
    @Test func backwardParametersOverwrites() {
        let f = Fixture(offset: 0)
        _ = f.loss()
        let delta = FloatBuffer(f.c.map(Float.init))
        let dm = delta.matrix(rows: Self.batch, cols: Self.outF)
        Self.backwardParameters(f.layer, x: f.xm, delta: dm)
        let first = f.grads.array
        Self.backwardParameters(f.layer, x: f.xm, delta: dm)
        #expect(f.grads.array == first)
        #expect(first.contains { $0 != 0 })
    }
}
