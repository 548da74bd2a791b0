/// Not API: a 2-D k-d tree for k nearest neighbours (median splits on each box's wider side,
/// leaves of ≤ ``leafSize`` points). Squared distances in Double, exactly as a brute-force
/// loop computes them, so the results do not depend on the tree's shape.
struct _KDTree {
    static let leafSize = 8

    struct Node {
        var lo: Int, hi: Int               // the points tree order[lo..<hi]
        var minX: Double, maxX: Double, minY: Double, maxY: Double
        var left: Int, right: Int          // child nodes; -1 for a leaf
    }

    /// The points in tree order, and each one's index in the input.
    private(set) var x: [Double], y: [Double]
    private(set) var index: [Int]
    private(set) var nodes: [Node] = []

    /// `points` interleaved `[x0, y0, …]`, finite, at least one.
    init(interleaved points: [Float]) {
        let n = points.count / 2
        x = (0..<n).map { Double(points[2 * $0]) }
        y = (0..<n).map { Double(points[2 * $0 + 1]) }
        index = Array(0..<n)
        nodes.reserveCapacity(2 * (n / Self.leafSize + 1))
        _ = build(0, n)
    }

    var count: Int { x.count }

    private mutating func build(_ lo: Int, _ hi: Int) -> Int {
        var node = Node(lo: lo, hi: hi, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity, left: -1, right: -1)
        for i in lo..<hi {
            node.minX = min(node.minX, x[i]); node.maxX = max(node.maxX, x[i])
            node.minY = min(node.minY, y[i]); node.maxY = max(node.maxY, y[i])
        }
        let id = nodes.count
        nodes.append(node)
        guard hi - lo > Self.leafSize else { return id }
        // Split at the median of the wider side: the box's points sorted along it, then halved.
        let alongX = node.maxX - node.minX >= node.maxY - node.minY
        let order = (lo..<hi).sorted { alongX ? x[$0] < x[$1] : y[$0] < y[$1] }
        let (xs, ys, ids) = (order.map { x[$0] }, order.map { y[$0] }, order.map { index[$0] })
        x.replaceSubrange(lo..<hi, with: xs)
        y.replaceSubrange(lo..<hi, with: ys)
        index.replaceSubrange(lo..<hi, with: ids)
        let mid = (lo + hi) / 2
        let left = build(lo, mid), right = build(mid, hi)
        nodes[id].left = left
        nodes[id].right = right
        return id
    }

    /// Squared distance from (qx, qy) to the node's box (0 inside).
    @inline(__always)
    func boxDistance2(_ n: Node, _ qx: Double, _ qy: Double) -> Double {
        let dx = qx < n.minX ? n.minX - qx : (qx > n.maxX ? qx - n.maxX : 0)
        let dy = qy < n.minY ? n.minY - qy : (qy > n.maxY ? qy - n.maxY : 0)
        return dx * dx + dy * dy
    }

    /// The squared distances from (qx, qy) to its `k` nearest points, ascending, into `best`
    /// (a point equal to the query counts, at distance 0).
    func nearest(_ qx: Double, _ qy: Double, k: Int, into best: UnsafeMutablePointer<Double>) {
        for i in 0..<k { best[i] = .infinity }
        var stack: [Int] = [0]
        stack.reserveCapacity(64)
        while let id = stack.popLast() {
            let n = nodes[id]
            guard boxDistance2(n, qx, qy) <= best[k - 1] else { continue }
            if n.left < 0 {
                for i in n.lo..<n.hi {
                    let dx = x[i] - qx, dy = y[i] - qy
                    let d = dx * dx + dy * dy
                    guard d < best[k - 1] else { continue }
                    var s = k - 1                      // insertion into the sorted list
                    while s > 0 && best[s - 1] > d { best[s] = best[s - 1]; s -= 1 }
                    best[s] = d
                }
            } else {
                // The nearer child last, so that it is visited first.
                let l = nodes[n.left], r = nodes[n.right]
                if boxDistance2(l, qx, qy) <= boxDistance2(r, qx, qy) {
                    stack.append(n.right); stack.append(n.left)
                } else {
                    stack.append(n.left); stack.append(n.right)
                }
            }
        }
    }
}

/// Not API: closed balls B(p_i, r_i) around a `_KDTree`'s points; each node keeps its largest
/// radius, so a box farther than that is skipped.
struct _Balls {
    let tree: _KDTree
    private let radius2: [Double]           // r_i², tree order
    private let nodeRadius2: [Double]       // the largest r² of each node's points

    /// `radius2[i]` is the squared radius of input point i.
    init(tree: _KDTree, radius2 byInput: [Double]) {
        self.tree = tree
        let r2 = tree.index.map { byInput[$0] }
        radius2 = r2
        nodeRadius2 = tree.nodes.map { n in r2[n.lo..<n.hi].max() ?? 0 }
    }

    /// #{i : ‖q − p_i‖² ≤ r_i²}; with `firstOnly`, 1 as soon as one ball holds q.
    func containing(_ qx: Double, _ qy: Double, firstOnly: Bool) -> Int {
        var count = 0
        var stack: [Int] = [0]
        stack.reserveCapacity(64)
        while let id = stack.popLast() {
            let n = tree.nodes[id]
            guard tree.boxDistance2(n, qx, qy) <= nodeRadius2[id] else { continue }
            if n.left >= 0 { stack.append(n.left); stack.append(n.right); continue }
            for i in n.lo..<n.hi {
                let dx = tree.x[i] - qx, dy = tree.y[i] - qy
                if dx * dx + dy * dy <= radius2[i] {
                    count += 1
                    if firstOnly { return 1 }
                }
            }
        }
        return count
    }
}
