/// A canonical, length-limited Huffman code for deflate (RFC 1951 §3.2.2): `lengths[s]`
/// bits for symbol `s` (0 for an unused symbol) and `codes[s]`, bit-reversed for
/// ``BitWriter``'s least-significant-bit-first output.
///
/// Lengths come from the Moffat–Katajainen in-place algorithm (minimum redundancy) and are
/// then limited to `maxBits` the way miniz does it: overlong codes are moved to `maxBits`
/// and the Kraft sum is repaired by lengthening the deepest shorter codes. A code with
/// fewer than two used symbols gets two of length 1, so every code is complete (its Kraft
/// sum is exactly 1, which every inflater accepts).
///
/// Not API: used by ``RowDeflate``.
struct HuffmanCode {
    private(set) var lengths: [UInt8]
    private(set) var codes: [UInt16]

    init(frequencies: [Int32], maxBits: Int) {
        let n = frequencies.count
        lengths = [UInt8](repeating: 0, count: n)
        codes = [UInt16](repeating: 0, count: n)
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        precondition(n >= 2 && used.count <= 1 << maxBits, "\(used.count) symbols do not fit in \(maxBits)-bit codes")
        if used.count < 2 {
            used = used.isEmpty ? [0, 1] : (used[0] == 0 ? [0, 1] : [0, used[0]])
            for s in used { lengths[s] = 1 }
        } else {
            used.sort { (frequencies[$0], $0) < (frequencies[$1], $1) }
            var a = used.map { Int(frequencies[$0]) }
            Self.minimumRedundancy(&a)
            // a[k] is now the depth of the k-th least frequent symbol; limit the depths.
            var perLength = [Int](repeating: 0, count: 64)
            for d in a { perLength[min(d, 63)] += 1 }
            if a.max()! > maxBits {
                for d in (maxBits + 1)..<64 { perLength[maxBits] += perLength[d]; perLength[d] = 0 }
                var total = 0
                for d in 1...maxBits { total += perLength[d] << (maxBits - d) }
                while total != 1 << maxBits {
                    perLength[maxBits] -= 1
                    for d in stride(from: maxBits - 1, through: 1, by: -1) where perLength[d] != 0 {
                        perLength[d] -= 1
                        perLength[d + 1] += 2
                        break
                    }
                    total -= 1
                }
            }
            // Least frequent symbols get the longest codes.
            var k = 0
            for d in stride(from: maxBits, through: 1, by: -1) {
                for _ in 0..<perLength[d] { lengths[used[k]] = UInt8(d); k += 1 }
            }
        }
        // Canonical codes, in symbol order within each length.
        var next = [Int](repeating: 0, count: maxBits + 2)
        var perLength = [Int](repeating: 0, count: maxBits + 1)
        for l in lengths where l > 0 { perLength[Int(l)] += 1 }
        var code = 0
        for l in 1...maxBits {
            code = (code + perLength[l - 1]) << 1
            next[l] = code
        }
        for s in 0..<n where lengths[s] > 0 {
            let l = Int(lengths[s])
            var c = next[l], r = 0
            next[l] += 1
            for _ in 0..<l { r = r << 1 | c & 1; c >>= 1 }
            codes[s] = UInt16(r)
        }
    }

    /// Moffat & Katajainen, "In-place calculation of minimum-redundancy codes" (1995):
    /// `a` holds ascending frequencies (at least two) and is replaced by the code lengths.
    private static func minimumRedundancy(_ a: inout [Int]) {
        let n = a.count
        a[0] += a[1]
        var root = 0, leaf = 2
        for next in 1..<(n - 1) {
            if leaf >= n || a[root] < a[leaf] {
                a[next] = a[root]; a[root] = next; root += 1
            } else {
                a[next] = a[leaf]; leaf += 1
            }
            if leaf >= n || (root < next && a[root] < a[leaf]) {
                a[next] += a[root]; a[root] = next; root += 1
            } else {
                a[next] += a[leaf]; leaf += 1
            }
        }
        a[n - 2] = 0
        for next in stride(from: n - 3, through: 0, by: -1) { a[next] = a[a[next]] + 1 }
        var avail = 1, usedCount = 0, depth = 0
        var r = n - 2, next = n - 1
        while avail > 0 {
            while r >= 0 && a[r] == depth { usedCount += 1; r -= 1 }
            while avail > usedCount { a[next] = depth; next -= 1; avail -= 1 }
            avail = 2 * usedCount
            depth += 1
            usedCount = 0
        }
    }
}
