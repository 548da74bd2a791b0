/// A fixed-size, zero-initialised block of `Float`s that owns its memory. Every buffer of the
/// training step is one (or a ``Matrix`` view into one), allocated up front, so the step
/// allocates nothing. A class on purpose: views keep a pointer into it, never a copy.
public final class FloatBuffer {
    /// Number of floats.
    public let count: Int
    /// Start of the storage; valid for the buffer's lifetime.
    public let base: UnsafeMutablePointer<Float>

    /// Allocates `count` floats set to zero.
    public init(count: Int) {
        precondition(count >= 0, "FloatBuffer count must be non-negative")
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: 0, count: Swift.max(count, 1))
    }

    /// Allocates a buffer holding a copy of `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        base.update(from: values, count: values.count)
    }

    deinit { base.deallocate() }

    /// Element access (bounds-checked in debug builds).
    public subscript(i: Int) -> Float {
        get { assert(i >= 0 && i < count); return base[i] }
        set { assert(i >= 0 && i < count); base[i] = newValue }
    }

    /// A copy of the contents as an array (for tests and output, not for hot loops).
    public var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { base.update(repeating: value, count: count) }

    /// Copies every value of `other`, a buffer of the same count.
    public func copy(from other: FloatBuffer) {
        precondition(other.count == count)
        base.update(from: other.base, count: count)
    }

    /// A row-major `rows × cols` view starting `offset` floats into the buffer.
    public func matrix(rows: Int, cols: Int, offset: Int = 0) -> Matrix {
        precondition(offset >= 0 && offset + rows * cols <= count, "matrix view out of bounds")
        return Matrix(rows: rows, cols: cols, data: base + offset)
    }
}
