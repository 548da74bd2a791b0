/// The matrix products of one training step, and nothing else: the roofline of a step.
///
/// ``Trainer/step()`` issues, in order: G forward (batch B), D forward on [real; fake]
/// (2B), D backward to its parameters (2B), then G forward (B), D forward (B), D backward
/// to its input only (B), G backward to its parameters (B). `GEMMReplay` derives the same
/// `cblas_sgemm` shapes from the settings and replays them on scratch buffers, so the
/// benchmark can report how close the full step comes to its products alone.
///
/// A step splits batches of at least ``MLP/parallelMinimumRows`` rows into
/// ``MLP/rowBlocks`` row blocks (run on a ``ParallelRunner`` when there is one); the replay
/// does the same: each block's products run on their own buffers, all blocks in a single
/// fork per step — fewer synchronisations than the real step, so the roofline is, if
/// anything, optimistic.
public final class GEMMReplay {
    /// One product: op(A) is m×k, op(B) is k×n.
    public struct Shape: Equatable, Sendable {
        public let m: Int, n: Int, k: Int
        public let transposeA: Bool, transposeB: Bool
    }

    /// The products of block 0 (all products when the batch is one block).
    public let shapes: [Shape]
    /// Each block's products.
    public let workerShapes: [[Shape]]
    private let buffers: [(a: FloatBuffer, b: FloatBuffer, c: FloatBuffer)]
    private let runner: ParallelRunner?

    public init(settings s: TrainingSettings, runner: ParallelRunner? = nil) {
        self.runner = (runner?.workers ?? 1) > 1 ? runner : nil
        let blocks = s.batchSize >= MLP.parallelMinimumRows ? MLP.rowBlocks : 1
        workerShapes = (0..<blocks).map { w in
            let split = { (rows: Int) in rows < MLP.parallelMinimumRows ? (w == 0 ? rows : 0)
                                                                         : rows * (w + 1) / blocks - rows * w / blocks }
            return GEMMReplay.shapes(settings: s, rows: split)
        }
        shapes = workerShapes[0]
        buffers = workerShapes.map { list in
            let largest = list.map { max($0.m * $0.k, $0.k * $0.n, $0.m * $0.n) }.max() ?? 1
            let a = FloatBuffer(count: largest), b = FloatBuffer(count: largest), c = FloatBuffer(count: largest)
            var rng = RNG(seed: 1)
            rng.fillNormal(a.base, count: largest, std: 0.1)
            rng.fillNormal(b.base, count: largest, std: 0.1)
            return (a, b, c)
        }
    }

    /// The shapes of one step when a batch of `r` rows is handled as `rows(r)` rows.
    static func shapes(settings s: TrainingSettings, rows: (Int) -> Int) -> [Shape] {
        let hidden = Array(repeating: s.hiddenSize, count: s.hiddenLayers)
        let g = [s.numZ] + hidden + [2], d = [2] + hidden + [1]
        let batch = rows(s.batchSize), batch2 = rows(2 * s.batchSize)
        var out: [Shape] = []
        func forward(_ sizes: [Int], _ rows: Int) {
            for l in 0..<(sizes.count - 1) {
                out.append(Shape(m: rows, n: sizes[l + 1], k: sizes[l], transposeA: false, transposeB: false))
            }
        }
        func backward(_ sizes: [Int], _ rows: Int, params: Bool, input: Bool) {
            for l in stride(from: sizes.count - 2, through: 0, by: -1) {
                if params { out.append(Shape(m: sizes[l], n: sizes[l + 1], k: rows, transposeA: true, transposeB: false)) }
                if l > 0 || input { out.append(Shape(m: rows, n: sizes[l], k: sizes[l + 1], transposeA: false, transposeB: true)) }
            }
        }
        forward(g, batch); forward(d, batch2); backward(d, batch2, params: true, input: false)
        forward(g, batch); forward(d, batch); backward(d, batch, params: false, input: true)
        backward(g, batch, params: true, input: false)
        return out.filter { $0.m > 0 && $0.n > 0 }
    }

    /// Multiply-accumulates of one step (all blocks).
    public var multiplyAdds: Int { workerShapes.joined().reduce(0) { $0 + $1.m * $1.n * $1.k } }

    /// Multiply-accumulates of one step for `settings`, without allocating replay buffers.
    public static func multiplyAdds(settings s: TrainingSettings) -> Int {
        shapes(settings: s, rows: { $0 }).reduce(0) { $0 + $1.m * $1.n * $1.k }
    }

    /// Runs the products of one step.
    public func run() {
        if let runner {
            runner.run(blocks: workerShapes.count) { [self] w in replay(w) }
        } else {
            for w in 0..<workerShapes.count { replay(w) }
        }
    }

    private func replay(_ w: Int) {
        let (a, b, c) = buffers[w]
        for s in workerShapes[w] {
            let am = s.transposeA ? a.matrix(rows: s.k, cols: s.m) : a.matrix(rows: s.m, cols: s.k)
            let bm = s.transposeB ? b.matrix(rows: s.n, cols: s.k) : b.matrix(rows: s.k, cols: s.n)
            Matrix.gemm(am, bm, into: c.matrix(rows: s.m, cols: s.n), transposeA: s.transposeA, transposeB: s.transposeB)
        }
    }
}
