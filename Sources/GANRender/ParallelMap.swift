import Dispatch

/// Runs a few independent pieces of work on all cores (`DispatchQueue.concurrentPerform`,
/// which uses the calling thread too) and returns their results in order.
///
/// Not API: the encoders split an image into horizontal bands with it.
enum ParallelMap {
    /// `[body(0), …, body(count − 1)]`, computed concurrently; `body` must only read shared
    /// state. One piece runs on the calling thread alone.
    static func map<T>(_ count: Int, _ body: @escaping (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let shared = UnsafeSendable((buffer.baseAddress!, body))
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let (base, body) = shared.value
                (base + k).initialize(to: body(k))
            }
            initialized = count
        }
    }
}

/// Values handed to concurrent pieces of work that only read them, or write disjoint parts.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
