// Not API: the sort behind the sliced Wasserstein distance, which sorts 2·L projections of
// a few thousand Doubles per evaluation. A comparison sort spends most of its time on
// mispredicted branches there; an LSD radix sort has none.

/// A reusable ascending sort for NaN-free Doubles: least-significant-digit radix sort on
/// the IEEE-754 bit patterns, eight 8-bit digits.
///
/// Each Double is mapped to a UInt64 key whose unsigned order is the numeric order (flip
/// every bit of a negative number, only the sign bit of a positive one), the keys are
/// sorted stably digit by digit (lowest first), and mapped back. All eight digit
/// histograms come from one pass; a digit that is the same in every key is skipped, which
/// is common for the sign and exponent bytes. −0 sorts before +0; otherwise the order is
/// that of `<`.
struct _RadixSorter {
    private var keys: [UInt64] = []
    private var spare: [UInt64] = []
    private var counts = [Int](repeating: 0, count: 8 * 256)

    mutating func sort(_ v: inout [Double]) {
        let n = v.count
        if n < 2 { return }
        if keys.count < n {
            keys = [UInt64](repeating: 0, count: n)
            spare = [UInt64](repeating: 0, count: n)
        }
        let sign: UInt64 = 1 << 63
        v.withUnsafeMutableBufferPointer { out in
        keys.withUnsafeMutableBufferPointer { kb in
        spare.withUnsafeMutableBufferPointer { sb in
        counts.withUnsafeMutableBufferPointer { c in
            c.update(repeating: 0)
            var src = kb.baseAddress!, dst = sb.baseAddress!
            for i in 0..<n {
                let b = out[i].bitPattern
                let key = b & sign != 0 ? ~b : b | sign
                src[i] = key
                for d in 0..<8 { c[d &* 256 &+ Int(truncatingIfNeeded: (key >> UInt64(8 &* d)) & 0xFF)] &+= 1 }
            }
            for d in 0..<8 {
                let h = c.baseAddress! + d * 256
                let shift = UInt64(8 * d)
                if h[Int(truncatingIfNeeded: (src[0] >> shift) & 0xFF)] == n { continue }
                var start = 0
                for b in 0..<256 { let cnt = h[b]; h[b] = start; start &+= cnt }
                for i in 0..<n {
                    let key = src[i]
                    let b = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                    dst[h[b]] = key
                    h[b] &+= 1
                }
                swap(&src, &dst)
            }
            for i in 0..<n {
                let key = src[i]
                out[i] = Double(bitPattern: key & sign != 0 ? key & ~sign : ~key)
            }
        } } } }
    }
}
