/// A finite set of 2-D points used as a distribution: each draw picks one of the points
/// uniformly, with replacement (a user's CSV file of points).
public struct PointCloud: TargetDistribution, Equatable {
    /// The points, interleaved `[x0, y0, x1, y1, …]`.
    public let points: [Float]

    /// `points` holds at least one pair of finite coordinates.
    public init(points: [Float]) {
        precondition(points.count >= 2 && points.count % 2 == 0, "a point cloud needs at least one (x, y) pair")
        self.points = points
    }

    /// Number of points N.
    public var count: Int { points.count / 2 }

    /// `count` points drawn uniformly with replacement: one ``RNG/integer(below:)`` each.
    public func sample(count: Int, rng: inout RNG, into out: UnsafeMutablePointer<Float>) {
        let n = self.count
        points.withUnsafeBufferPointer { p in
            for i in 0..<count {
                let k = rng.integer(below: n)
                out[2 * i] = p[2 * k]
                out[2 * i + 1] = p[2 * k + 1]
            }
        }
    }

    /// `min(count, N)` distinct points in random order: the frames' fixed real points.
    public func subset(count: Int, rng: inout RNG) -> [Float] {
        let m = min(count, self.count)
        return gather(shuffledIndices(first: m, rng: &rng)[0..<m])
    }

    /// A random subset of `count` points (0 < count < N) held out (the metrics' reference), and
    /// the rest (the training data).
    public func split(heldOut count: Int, rng: inout RNG) -> (rest: PointCloud, heldOut: [Float]) {
        precondition(count > 0 && count < self.count, "held-out count must be in 1 ..< N")
        let index = shuffledIndices(first: count, rng: &rng)
        return (PointCloud(points: gather(index[count...])), gather(index[..<count]))
    }

    /// 0 ..< N after the first `m` steps of a Fisher–Yates shuffle.
    private func shuffledIndices(first m: Int, rng: inout RNG) -> [Int] {
        let n = count
        var index = Array(0..<n)
        for i in 0..<m { index.swapAt(i, i + rng.integer(below: n - i)) }
        return index
    }

    private func gather(_ index: ArraySlice<Int>) -> [Float] {
        index.flatMap { [points[2 * $0], points[2 * $0 + 1]] }
    }
}
