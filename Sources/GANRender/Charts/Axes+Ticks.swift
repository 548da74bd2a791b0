import Foundation

/// Tick placement: linear ticks by the 1-2-5 rule (the smallest step m·10^e, m ∈ {1, 2, 5},
/// with at most `maxCount` ticks), computed so a tick is `0.3`, never `0.30000000000000004`;
/// log ticks on whole decades, or on their 1-2-5 multiples below two decades.
extension Axes {
    /// Ticks inside `range` (inclusive, with a relative tolerance of 1e-9), at most `maxCount`.
    public static func niceTicks(in range: ClosedRange<Double>, maxCount: Int) -> [Double] {
        let (lo, hi) = (range.lowerBound, range.upperBound)
        guard lo.isFinite, hi.isFinite else { return [] }
        guard hi > lo else { return [lo] }
        let maxCount = max(2, maxCount)
        let raw = (hi - lo) / Double(maxCount - 1)
        var e = Int(floor(Foundation.log10(raw)))
        for _ in 0..<4 {
            for m in [1, 2, 5] {
                let step = Double(m) * power10(e)
                let k0 = Int((lo / step - 1e-9).rounded(.up)), k1 = Int((hi / step + 1e-9).rounded(.down))
                guard k1 - k0 + 1 <= maxCount else { continue }
                return (k0...max(k0, k1)).map { k in
                    e >= 0 ? Double(k * m) * power10(e) : Double(k * m) / power10(-e)
                }.filter { $0 >= lo - step * 1e-9 && $0 <= hi + step * 1e-9 }
            }
            e += 1
        }
        return [lo, hi]
    }

    /// Ticks for a logarithmic axis over the positive `range`, at most `maxCount`.
    public static func logTicks(in range: ClosedRange<Double>, maxCount: Int) -> [Double] {
        guard range.lowerBound > 0, range.upperBound.isFinite else { return [] }
        let lo = Foundation.log10(range.lowerBound), hi = Foundation.log10(range.upperBound)
        let k0 = Int((lo - 1e-9).rounded(.up)), k1 = Int((hi + 1e-9).rounded(.down))
        if k1 - k0 + 1 >= 2 {
            let stride = max(1, Int((Double(k1 - k0 + 1) / Double(max(2, maxCount))).rounded(.up)))
            return Swift.stride(from: k0, through: k1, by: stride).map(power10)
        }
        let inRange = { (v: Double) in v >= range.lowerBound * (1 - 1e-9) && v <= range.upperBound * (1 + 1e-9) }
        for mantissas in [[1, 2, 5], [1, 3]] {
            let ticks = (Int(lo.rounded(.down)) - 1...Int(hi.rounded(.up))).flatMap { k in
                mantissas.map { Double($0) * power10(k) }
            }.filter(inRange)
            if ticks.count >= 2 && ticks.count <= maxCount { return ticks }
        }
        return niceTicks(in: range, maxCount: maxCount)
    }

    /// `value` written with just enough decimals for ticks `step` apart: `"-3"`, `"0.5"`,
    /// `"25000"`, never `"-0"`. Steps of a million and more, or below 1e-4, use `1.5e7` style.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let step = step.isFinite && step > 0 ? step : max(abs(value), 1)
        let e = Int(floor(Foundation.log10(step) + 1e-9))
        if e >= 6 || e <= -5 {
            let mantissa = (abs(value) / power10(e)).rounded()
            guard mantissa > 0 else { return "0" }
            guard mantissa < 9e15 else { return "\(value)" }
            var digits = String(Int64(mantissa))
            let exponent = e + digits.count - 1
            while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
            let body = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
            return (value < 0 ? "-" : "") + body + "e\(exponent)"
        }
        let decimals = max(0, -e)
        let scaled = (abs(value) * power10(decimals)).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        var digits = String(Int64(scaled))
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// Ticks for an axis `pixels` long, aiming for at least `spacing` pixels between ticks.
    static func ticks(for range: ClosedRange<Double>, log: Bool, pixels: Int, spacing: Double) -> [Double] {
        let maxCount = max(2, Int(Double(pixels) / spacing) + 1)
        return log ? logTicks(in: range, maxCount: maxCount) : niceTicks(in: range, maxCount: maxCount)
    }

    /// Labels for `ticks`; linear ticks share one step, log ticks are labelled one by one.
    static func labels(for ticks: [Double], log: Bool) -> [String] {
        if log { return ticks.map { tickLabel($0, step: $0) } }
        let step = ticks.count >= 2 ? ticks[1] - ticks[0] : max(abs(ticks.first ?? 1), 1)
        return ticks.map { tickLabel($0, step: step) }
    }
}

/// `10^k` for an integer `k`, exact for |k| ≤ 22.
private func power10(_ k: Int) -> Double {
    k >= 0 ? pow(10, Double(k)) : 1 / pow(10, Double(-k))
}
