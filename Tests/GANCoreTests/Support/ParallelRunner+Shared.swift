import Foundation
@testable import GANCore

extension ParallelRunner {
    private static let sharedLock = NSRecursiveLock()

    /// Runs `body` with ``shared`` temporarily set to `runner`, one test at a time.
    static func withShared<T>(_ runner: ParallelRunner?, _ body: () throws -> T) rethrows -> T {
        sharedLock.lock()
        let saved = shared
        shared = runner
        defer { shared = saved; sharedLock.unlock() }
        return try body()
    }
}
