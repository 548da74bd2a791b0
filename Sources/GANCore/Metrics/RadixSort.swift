// Not API: the sort behind the sliced Wasserstein distance, which sorts 2·L projections of
// a few thousand Doubles per evaluation. A comparison sort spends most of its time on
// mispredicted branches there; a radix sort has almost none.

/// A reusable ascending sort for NaN-free Doubles: a least-significant-digit radix sort on
/// the high 33 bits of the IEEE-754 pattern, finished by an insertion sort on all 64.
///
/// Each Double is mapped to a UInt64 key whose unsigned order is the numeric order (flip
/// every bit of a negative number, only the sign bit of a positive one). Three stable
/// passes with 11-bit digits order the keys by bits 31–63 (sign, exponent and the top 21
/// mantissa bits, a relative resolution of 5·10⁻⁷); all three digit histograms come from
/// one pass, and a digit that is the same in every key is skipped. What is left are runs of
/// keys equal in those bits — points whose projections agree to 5·10⁻⁷ relative, few
/// because Float inputs carry only 24 bits — which an insertion sort puts in order in time
/// proportional to their number. −0 sorts before +0; otherwise the order is that of `<`.
struct _RadixSorter {
    private var keys: [UInt64] = []
    private var spare: [UInt64] = []
    private var counts = [Int](repeating: 0, count: 3 * 2048)

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
            let h0 = c.baseAddress!, h1 = h0 + 2048, h2 = h0 + 4096
            for i in 0..<n {
                let b = out[i].bitPattern
                let key = b & sign != 0 ? ~b : b | sign
                src[i] = key
                h0[Int(truncatingIfNeeded: (key >> 31) & 0x7FF)] &+= 1
                h1[Int(truncatingIfNeeded: (key >> 42) & 0x7FF)] &+= 1
                h2[Int(truncatingIfNeeded: key >> 53)] &+= 1
            }
            for (h, shift) in [(h0, UInt64(31)), (h1, UInt64(42)), (h2, UInt64(53))] {
                if h[Int(truncatingIfNeeded: (src[0] >> shift) & 0x7FF)] == n { continue }
                var start = 0
                for b in 0..<2048 { let cnt = h[b]; h[b] = start; start &+= cnt }
                for i in 0..<n {
                    let key = src[i]
                    let b = Int(truncatingIfNeeded: (key >> shift) & 0x7FF)
                    dst[h[b]] = key
                    h[b] &+= 1
                }
                swap(&src, &dst)
            }
            for i in 1..<n {                                  // ties in bits 31–63 only
                let key = src[i]
                var j = i - 1
                if src[j] <= key { continue }
                while j >= 0 && src[j] > key { src[j + 1] = src[j]; j -= 1 }
                src[j + 1] = key
            }
            for i in 0..<n {
                let key = src[i]
                out[i] = Double(bitPattern: key & sign != 0 ? key & ~sign : ~key)
            }
        } } } }
    }
}
