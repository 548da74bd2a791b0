internal import COpenBLAS

/// A non-owning, row-major view of `rows × cols` `Float`s (element (i, j) at
/// `data[i * cols + j]`); the memory's owner must outlive it. Products go through `cblas_sgemm`.
public struct Matrix {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// The first element; element (i, j) is at `data[i * cols + j]`.
    public let data: UnsafeMutablePointer<Float>

    /// A `[rows, cols]` view of memory the caller keeps alive.
    public init(rows: Int, cols: Int, data: UnsafeMutablePointer<Float>) {
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// Number of elements.
    public var count: Int { rows * cols }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Float {
        get { data[i * cols + j] }
        nonmutating set { data[i * cols + j] = newValue }
    }

    /// Rows `start ..< start + n` as a view.
    public func rows(from start: Int, count n: Int) -> Matrix {
        precondition(start >= 0 && n >= 0 && start + n <= rows)
        return Matrix(rows: n, cols: cols, data: data + start * cols)
    }

    /// C ← alpha · op(A) · op(B) + beta · C: op(A) `[m, k]`, op(B) `[k, n]`, C `[m, n]`.
    public static func gemm(_ a: Matrix, _ b: Matrix, into c: Matrix,
                            transposeA: Bool = false, transposeB: Bool = false,
                            alpha: Float = 1, beta: Float = 0) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb && c.rows == m && c.cols == n,
                     "gemm shape mismatch: op(A) \(m)×\(k), op(B) \(kb)×\(n), C \(c.rows)×\(c.cols)")
        if m == 0 || n == 0 { return }
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a.data, Int32(a.cols), b.data, Int32(b.cols), beta, c.data, Int32(c.cols))
    }
}

/// Process-wide OpenBLAS settings.
public enum BLAS {
    /// Sets the number of threads OpenBLAS uses for subsequent calls.
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(Swift.max(1, n))) }
}
