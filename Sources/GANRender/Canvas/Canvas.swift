internal import CLibGD
import Foundation

/// A truecolor RGBA raster backed by a libgd image; the only type in GANRender that talks
/// to libgd. Pixel `(i, j)` is column `i`, row `j` (top row 0); the continuous coordinate
/// `(i, j)` is that pixel's centre. Translucent colours blend with what is there. Not
/// thread-safe: keep each canvas inside a single task.
public final class Canvas {
    private let image: gdImagePtr
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The current clip rectangle, inclusive pixel bounds.
    private(set) var clipRect: PixelRect
    /// Whether PNG output keeps the alpha channel (a translucent background).
    private let savesAlpha: Bool

    /// A `width`×`height` canvas filled with `background`; a translucent background makes
    /// ``pngData(compression:palette:)`` keep the alpha channel.
    public convenience init(width: Int, height: Int, background: Color) {
        precondition(width > 0 && height > 0 && width <= 16_384 && height <= 16_384,
                     "canvas size \(width)x\(height) out of range")
        guard let im = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
            preconditionFailure("libgd could not allocate a \(width)x\(height) image")
        }
        self.init(image: im, savesAlpha: background.a < 255)
        storeRect(clipRect, packed: Canvas.packed(background))
        gdImageSaveAlpha(im, savesAlpha ? 1 : 0)
    }

    /// Takes ownership of `im`, converted to truecolor, with blending on.
    private init(image im: gdImagePtr, savesAlpha: Bool) {
        if im.pointee.trueColor == 0 { _ = gdImagePaletteToTrueColor(im) }
        image = im
        width = Int(im.pointee.sx)
        height = Int(im.pointee.sy)
        clipRect = PixelRect(x0: 0, y0: 0, x1: width - 1, y1: height - 1)
        self.savesAlpha = savesAlpha
        gdImageAlphaBlending(im, 1)
    }

    deinit { gdImageDestroy(image) }

    // MARK: Shapes

    /// Fills the rectangle with inclusive corners `(x0, y0)` and `(x1, y1)` (blended).
    public func fillRect(x0: Int, y0: Int, x1: Int, y1: Int, color: Color) {
        let r = PixelRect(x0: max(min(x0, x1), clipRect.x0), y0: max(min(y0, y1), clipRect.y0),
                          x1: min(max(x0, x1), clipRect.x1), y1: min(max(y0, y1), clipRect.y1))
        guard r.x0 <= r.x1, r.y0 <= r.y1, color.a > 0 else { return }
        if color.a == 255 {
            storeRect(r, packed: Canvas.packed(color))
        } else {
            gdImageFilledRectangle(image, Int32(r.x0), Int32(r.y0), Int32(r.x1), Int32(r.y1), Canvas.packed(color))
        }
    }

    /// Overwrites the pixels of `r` (clipped) with one packed colour, alpha included.
    private func storeRect(_ r: PixelRect, packed: Int32) {
        fillRows(x0: r.x0, y0: r.y0, width: r.width, height: r.height) { _, _, row in
            row.update(repeating: UInt32(bitPattern: packed))
        }
    }

    /// Overwrites the pixels of the `width`×`height` block at `(x0, y0)` with opaque colours
    /// given row by row (`colors.count == width·height`); pixels outside the clip are skipped.
    /// One store per pixel, no blending: the fast path for rasters such as heatmaps.
    public func storePixels(x0: Int, y0: Int, width: Int, height: Int, colors: [Color]) {
        precondition(colors.count == width * height, "storePixels needs \(width * height) colours, got \(colors.count)")
        fillRows(x0: x0, y0: y0, width: width, height: height) { j, i0, row in
            for k in row.indices {
                let c = colors[j * width + i0 + k]
                row[k] = (UInt32(c.r) << 16) | (UInt32(c.g) << 8) | UInt32(c.b)
            }
        }
    }

    /// Lets `fill(j, i0, row)` write each visible row `j` of the `width`×`height` block at
    /// `(x0, y0)` straight into the canvas, clipped: `row[k]` is the block's column `i0 + k`,
    /// packed (`0xRRGGBB` when opaque), no blending. For rasters such as heatmaps; not API.
    func fillRows(x0: Int, y0: Int, width: Int, height: Int,
                  _ fill: (_ j: Int, _ i0: Int, _ row: UnsafeMutableBufferPointer<UInt32>) -> Void) {
        guard let rows = image.pointee.tpixels else { return }
        let c = clipRect
        let (j0, j1) = (max(0, c.y0 - y0), min(height, c.y1 - y0 + 1))
        let (i0, i1) = (max(0, c.x0 - x0), min(width, c.x1 - x0 + 1))
        guard j0 < j1, i0 < i1 else { return }
        for j in j0..<j1 {
            guard let row = rows[y0 + j] else { continue }
            let start = UnsafeMutableRawPointer(row + x0 + i0).assumingMemoryBound(to: UInt32.self)
            fill(j, i0, UnsafeMutableBufferPointer(start: start, count: i1 - i0))
        }
    }

    /// Fills the polygon through `points` (pixel coordinates, rounded to whole pixels) with
    /// `color`, blended; libgd's scanline fill, no antialiasing (meant for translucent shading).
    public func fillPolygon(_ points: [(x: Double, y: Double)], color: Color) {
        guard points.count >= 3, color.a > 0, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return }
        var pts = points.map { gdPoint(x: Int32(max(min($0.x, 1e6), -1e6).rounded()), y: Int32(max(min($0.y, 1e6), -1e6).rounded())) }
        pts.withUnsafeMutableBufferPointer { buf in
            gdImageFilledPolygon(image, buf.baseAddress, Int32(buf.count), Canvas.packed(color))
        }
    }

    /// Outlines the rectangle with inclusive corners `(x0, y0)` and `(x1, y1)`, `thickness`
    /// pixels wide, growing inwards.
    public func rect(x0: Int, y0: Int, x1: Int, y1: Int, color: Color, thickness: Int = 1) {
        let (l, r, t, b) = (min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1))
        let w = max(1, min(thickness, (r - l + 1) / 2, (b - t + 1) / 2))
        fillRect(x0: l, y0: t, x1: r, y1: t + w - 1, color: color)
        fillRect(x0: l, y0: b - w + 1, x1: r, y1: b, color: color)
        fillRect(x0: l, y0: t + w, x1: l + w - 1, y1: b - w, color: color)
        fillRect(x0: r - w + 1, y0: t + w, x1: r, y1: b - w, color: color)
    }

    /// Restricts later drawing to `rect` (intersected with the canvas) and returns the clip
    /// that was in force: passing it back to `clip(to:)` restores it.
    @discardableResult
    public func clip(to rect: PixelRect) -> PixelRect {
        let saved = clipRect
        clipRect = PixelRect(x0: max(0, min(rect.x0, rect.x1)), y0: max(0, min(rect.y0, rect.y1)),
                             x1: min(width - 1, max(rect.x0, rect.x1)), y1: min(height - 1, max(rect.y0, rect.y1)))
        gdImageSetClip(image, Int32(clipRect.x0), Int32(clipRect.y0), Int32(clipRect.x1), Int32(clipRect.y1))
        return saved
    }

    /// The colour stored at pixel `(x, y)`, which must lie inside the canvas.
    public func pixel(x: Int, y: Int) -> Color {
        precondition(x >= 0 && y >= 0 && x < width && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
        let c = UInt32(bitPattern: gdImageGetTrueColorPixel(image, Int32(x), Int32(y)))
        let a7 = Int((c >> 24) & 0x7F)
        return Color(r: UInt8((c >> 16) & 0xFF), g: UInt8((c >> 8) & 0xFF), b: UInt8(c & 0xFF),
                     a: UInt8(255 - (a7 * 255 + 63) / 127))
    }

    /// Composites `other` with its top-left corner at `(x, y)` within the clip, as libgd's
    /// `gdImageCopy`: opaque pixels copied, translucent ones blended, transparent ones skipped.
    public func draw(_ other: Canvas, x: Int, y: Int) {
        guard let src = other.image.pointee.tpixels else { return }
        fillRows(x0: x, y0: y, width: other.width, height: other.height) { j, i0, row in
            guard let from = src[j] else { return }
            for k in row.indices {
                let p = from[i0 + k]
                switch p >> 24 {
                case 0: row[k] = UInt32(bitPattern: p)
                case 127: continue
                default: row[k] = UInt32(bitPattern: Canvas.alphaBlend(dst: Int32(bitPattern: row[k]), src: p))
                }
            }
        }
    }

    /// A copy of the pixels of `r` (inside this canvas, alpha included); drawn back with
    /// ``draw(_:x:y:)`` at `(r.x0, r.y0)` onto an opaque canvas it restores them exactly.
    public func cropped(to r: PixelRect) -> Canvas {
        precondition(r.x0 >= 0 && r.y0 >= 0 && r.x1 < width && r.y1 < height && r.x0 <= r.x1 && r.y0 <= r.y1,
                     "crop \(r) outside \(width)x\(height)")
        var crop = gdRect(x: Int32(r.x0), y: Int32(r.y0), width: Int32(r.width), height: Int32(r.height))
        guard let im = gdImageCrop(image, &crop) else { preconditionFailure("libgd could not crop to \(r)") }
        return Canvas(image: im, savesAlpha: false)
    }

    // MARK: Internal pixel access (markers, antialiased lines)

    /// libgd's packed truecolor value for `color` with its alpha scaled by `coverage` (0...1).
    static func packed(_ color: Color, coverage: Double = 1) -> Int32 {
        let opacity = Double(color.a) / 255 * min(max(coverage, 0), 1)
        let a7 = 127 - Int32((opacity * 127).rounded())
        return (a7 << 24) | (Int32(color.r) << 16) | (Int32(color.g) << 8) | Int32(color.b)
    }

    /// Blends a packed colour into `(x, y)` within the clip: `gdImageSetPixel` with blending
    /// on, without a library call per pixel.
    @inline(__always) func blend(x: Int, y: Int, packed: Int32) {
        let c = clipRect
        guard x >= c.x0, x <= c.x1, y >= c.y0, y <= c.y1, let row = image.pointee.tpixels[y] else { return }
        row[x] = Canvas.alphaBlend(dst: row[x], src: packed)
    }

    /// libgd's `gdAlphaBlend`, integer for integer: 7-bit alphas (0 opaque, 127 transparent),
    /// `src` over `dst` with weights 127 − αs and (127 − αd)·αs/127, truncating divisions.
    /// Over an opaque pixel (the common case) the weights sum to 127.
    @inline(__always) static func alphaBlend(dst: Int32, src: Int32) -> Int32 {
        let sa = (src >> 24) & 0x7F
        if sa == 0 { return src }
        let da = (dst >> 24) & 0x7F
        if sa == 127 { return dst }
        if da == 127 { return src }
        let sw = 127 - sa
        @inline(__always) func channel(_ shift: Int32, _ total: Int32, _ dw: Int32) -> Int32 {
            (((src >> shift) & 0xFF) * sw + ((dst >> shift) & 0xFF) * dw) / total
        }
        if da == 0 {
            return (channel(16, 127, sa) << 16) + (channel(8, 127, sa) << 8) + channel(0, 127, sa)
        }
        let dw = (127 - da) * sa / 127, tw = sw + dw
        return ((sa * da / 127) << 24) + (channel(16, tw, dw) << 16) + (channel(8, tw, dw) << 8) + channel(0, tw, dw)
    }

    // MARK: Text

    /// Draws `s` with `size` pixels per em so that `anchor` lands on `(x, y)`: FreeType
    /// through fontconfig ("DejaVu Sans", antialiased), else libgd's bitmap fonts (ASCII only).
    /// `vertical` reads upwards, with the anchor taken in the rotated frame.
    public func text(_ s: String, x: Double, y: Double, size: Double, color: Color,
                     anchor: TextAnchor = .topLeft, bold: Bool = false, vertical: Bool = false) {
        guard !s.isEmpty, size > 0 else { return }
        if FontSystem.freeTypeWorks {
            let w = anchor.horizontal == .left ? 0 : Canvas.textWidth(s, size: size, bold: bold)
            let along = w * anchor.horizontal.rawValue
            let across = anchor.verticalOffsets.baseline * size
            let (ox, oy) = vertical ? (x + across, y + along) : (x - along, y + across)
            let key = TextCache.Key(text: s, size: size, bold: bold, vertical: vertical, color: Canvas.packed(color))
            if !savesAlpha, let run = TextCache.shared.run(key) {
                stamp(run, x: Int(ox.rounded()), y: Int(oy.rounded()))
                return
            }
            if freeTypeText(s, x: ox, y: oy, size: size, color: color, bold: bold, vertical: vertical) { return }
        }
        let font = FontSystem.bitmapFont(size: size, bold: bold)
        var bytes = s.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") } + [0]
        let along = Double((bytes.count - 1) * Int(font.pointee.w)) * anchor.horizontal.rawValue
        let top = anchor.verticalOffsets.bitmapTop * Double(font.pointee.h)
        let c = Canvas.packed(color)
        bytes.withUnsafeMutableBufferPointer { buf in
            if vertical {
                gdImageStringUp(image, font, Int32((x - top).rounded()), Int32((y + along).rounded()), buf.baseAddress, c)
            } else {
                gdImageString(image, font, Int32((x - along).rounded()), Int32((y - top).rounded()), buf.baseAddress, c)
            }
        }
    }

    /// Draws `s` with FreeType straight onto the canvas, its basepoint at `(x, y)` (rounded),
    /// without the text cache; false if FreeType fails.
    func freeTypeText(_ s: String, x: Double, y: Double, size: Double, color: Color, bold: Bool, vertical: Bool) -> Bool {
        FontSystem.draw(s, on: image, size: size, bold: bold, vertical: vertical, color: Canvas.packed(color),
                        x: Int(x.rounded()), y: Int(y.rounded())) != nil
    }

    /// The advance width in pixels of `s` at `size` pixels per em (same font choice as
    /// ``text(_:x:y:size:color:anchor:bold:vertical:)``).
    public static func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        guard !s.isEmpty, size > 0 else { return 0 }
        if FontSystem.freeTypeWorks, let w = TextCache.shared.width(s, size: size, bold: bold) { return w }
        return Double(s.unicodeScalars.count) * Double(FontSystem.bitmapFont(size: size, bold: bold).pointee.w)
    }

    // MARK: Encoding

    /// The image as PNG bytes (`gdImagePngPtrEx`, zlib level `compression` 0...9). With
    /// `palette`, an opaque canvas is stored as a palette PNG of at most 256 colours
    /// (`paletteCopy()`): one byte per pixel and no row filters, quicker to encode than
    /// truecolor. A canvas with a translucent background stays RGBA.
    public func pngData(compression: Int = 6, palette: Bool = false) -> [UInt8] {
        let level = Int32(min(max(compression, 0), 9))
        guard palette, !savesAlpha, let pal = paletteCopy() else { return Canvas.png(image, level: level) }
        defer { gdImageDestroy(pal) }
        return Canvas.png(pal, level: level)
    }

    private static func png(_ im: gdImagePtr, level: Int32) -> [UInt8] {
        var size: Int32 = 0
        guard let ptr = gdImagePngPtrEx(im, &size, level) else { return [] }
        defer { gdFree(ptr) }
        return Array(UnsafeRawBufferPointer(start: ptr, count: Int(size)))
    }

    /// A libgd palette copy of the image, for palette PNGs and GIF frames: its colours
    /// reduced by ``ColorPalette`` (exact when there are at most 256, no dithering), or by
    /// libgd's quantizer past 65 536 distinct colours. The caller destroys the result.
    private func paletteCopy() -> gdImagePtr? {
        guard let rows = image.pointee.tpixels else { return nil }
        var histogram = ColorHistogram(limit: 65_536)
        for y in 0..<height where !histogram.add(row: rows[y]!, count: width) {
            return gdImageCreatePaletteFromTrueColor(image, 0, 256)
        }
        let palette = ColorPalette(histogram: histogram)
        guard let pal = gdImageCreate(Int32(width), Int32(height)), let out = pal.pointee.pixels else { return nil }
        for c in palette.colors {
            _ = gdImageColorAllocate(pal, Int32(c >> 16), Int32((c >> 8) & 0xFF), Int32(c & 0xFF))
        }
        for y in 0..<height {
            let (row, indices) = (rows[y]!, out[y]!)
            var last: UInt32 = .max, index: UInt8 = 0
            for x in 0..<width {
                let color = UInt32(bitPattern: row[x]) & 0xFF_FFFF
                if color != last {
                    (last, index) = (color, palette.indexOfEntry[histogram.entryIndex(of: color)])
                }
                indices[x] = index
            }
        }
        return pal
    }

    /// Decodes PNG bytes into a new truecolor canvas.
    public static func decodePNG(_ bytes: [UInt8]) throws -> Canvas {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), let canvas = decodePicture(bytes) else {
            throw RenderError.pngDecodeFailed(byteCount: bytes.count, reason: "libgd rejected the data")
        }
        return canvas
    }

    /// Decodes a PNG, JPEG or GIF picture (told apart by its first bytes) into a new
    /// truecolor canvas; a palette image's transparent colour becomes alpha 0. `nil` when
    /// the bytes are none of these or libgd cannot decode them.
    public static func decodePicture(_ bytes: [UInt8]) -> Canvas? {
        var copy = bytes
        let im = copy.withUnsafeMutableBytes { raw -> gdImagePtr? in
            let size = Int32(clamping: raw.count), p = raw.baseAddress
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return gdImageCreateFromPngPtr(size, p) }
            if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return gdImageCreateFromJpegPtr(size, p) }
            if bytes.starts(with: Array("GIF8".utf8)) { return gdImageCreateFromGifPtr(size, p) }
            return nil
        }
        return im.map { Canvas(image: $0, savesAlpha: false) }
    }

    /// ``GIFAnimation``'s GIF of `count` frames that `frame(i)` supplies one at a time, each
    /// checked against frame 0's size, given its own palette (`paletteCopy()`) and appended
    /// before the next is asked for: memory holds one full-colour frame however long the GIF.
    static func gifBytes(count: Int, delayCentiseconds: Int, loopCount: Int,
                         frame: (Int) throws -> Canvas) throws -> [UInt8] {
        precondition((0...65_535).contains(delayCentiseconds), "GIF delay \(delayCentiseconds) cs out of 0...65535")
        precondition(loopCount <= 65_535, "GIF loop count \(loopCount) above 65535")
        guard count > 0 else { throw RenderError.emptyFrameList }
        var out: [UInt8] = []
        func take(_ ptr: UnsafeMutableRawPointer?, _ size: Int32, frame: Int) throws {
            guard let ptr else { throw RenderError.gifEncodeFailed(frame: frame, reason: "libgd returned no data") }
            defer { gdFree(ptr) }
            out.append(contentsOf: UnsafeRawBufferPointer(start: ptr, count: Int(size)))
        }
        var size: Int32 = 0, firstSize: (width: Int, height: Int)?
        for i in 0..<count {
            let canvas = try frame(i)
            if let first = firstSize, canvas.width != first.width || canvas.height != first.height {
                throw RenderError.frameSizeMismatch(index: i, expectedWidth: first.width, expectedHeight: first.height,
                                                    width: canvas.width, height: canvas.height)
            }
            firstSize = firstSize ?? (canvas.width, canvas.height)
            guard let pal = canvas.paletteCopy() else {
                throw RenderError.gifEncodeFailed(frame: i, reason: "palette quantisation failed")
            }
            defer { gdImageDestroy(pal) }
            // The first frame's palette is also the global colour table.
            if i == 0 { try take(gdImageGifAnimBeginPtr(pal, &size, 1, Int32(max(loopCount, -1))), size, frame: -1) }
            // LocalCM 1, offset (0, 0), disposal 1 = gdDisposalNone, no previous-frame diffing.
            try take(gdImageGifAnimAddPtr(pal, &size, 1, 0, 0, Int32(delayCentiseconds), 1, nil), size, frame: i)
        }
        try take(gdImageGifAnimEndPtr(&size), size, frame: count)
        return out
    }
}

extension Canvas {
    /// Blends a cached text run with its origin at `(x, y)` through ``blend(x:y:packed:)``
    /// (honouring the clip), exactly as libgd blends each glyph pixel.
    fileprivate func stamp(_ run: TextCache.Run, x: Int, y: Int) {
        let (x0, y0) = (x - run.originX, y - run.originY)
        for (k, p) in run.pixels.enumerated() where p >> 24 != 127 {
            blend(x: x0 + k % run.width, y: y0 + k / run.width, packed: p)
        }
    }
}

/// Strings rendered once by FreeType (libgd re-hints every glyph on every call), each run on a
/// transparent scratch image whose blending gives the pixels of drawing the string directly.
/// A table full at `capacity` starts over; shared by all threads behind a lock.
private final class TextCache: @unchecked Sendable {
    struct Key: Hashable {
        var text: String
        var size: Double
        var bold: Bool
        var vertical: Bool
        var color: Int32
    }

    /// The scratch image's packed pixels, row by row.
    struct Run {
        var pixels: [Int32]
        var width: Int
        /// The pixel where the string's origin (libgd's basepoint) lies.
        var originX: Int
        var originY: Int
    }

    static let shared = TextCache()
    let capacity = 256
    private let lock = NSLock()
    private var runs: [Key: Run] = [:]
    private var widths: [Key: Double] = [:]

    /// `table[key]`, made by `make` (and kept) if missing; `nil` if `make` fails.
    private func cached<V>(_ table: ReferenceWritableKeyPath<TextCache, [Key: V]>, _ key: Key,
                           _ make: () -> V?) -> V? {
        if let v = lock.withLock({ self[keyPath: table][key] }) { return v }
        guard let v = make() else { return nil }
        lock.withLock {
            if self[keyPath: table].count >= capacity { self[keyPath: table].removeAll() }
            self[keyPath: table][key] = v
        }
        return v
    }

    /// The advance width of `s`, or `nil` if FreeType fails.
    func width(_ s: String, size: Double, bold: Bool) -> Double? {
        cached(\.widths, Key(text: s, size: size, bold: bold, vertical: false, color: 0)) {
            FontSystem.draw(s, on: nil, size: size, bold: bold, vertical: false, color: 0, x: 0, y: 0)
                .map { Double($0[2] - $0[0]) }
        }
    }

    /// The rendered run for `key`, or `nil` if FreeType fails.
    func run(_ key: Key) -> Run? {
        cached(\.runs, key) {
            func draw(on im: gdImagePtr?, x: Int, y: Int) -> [Int32]? {
                FontSystem.draw(key.text, on: im, size: key.size, bold: key.bold, vertical: key.vertical,
                                color: key.color, x: x, y: y)
            }
            guard let brect = draw(on: nil, x: 0, y: 0) else { return nil }
            // libgd's bounding box can miss an antialiased edge pixel: pad it.
            let pad = 4
            let xs = stride(from: 0, to: 8, by: 2).map { Int(brect[$0]) }
            let ys = stride(from: 1, to: 8, by: 2).map { Int(brect[$0]) }
            let (ox, oy) = (pad - xs.min()!, pad - ys.min()!)
            let (w, h) = (xs.max()! - xs.min()! + 2 * pad + 1, ys.max()! - ys.min()! + 2 * pad + 1)
            guard w > 0, h > 0, w < 8192, h < 8192, let im = gdImageCreateTrueColor(Int32(w), Int32(h)) else {
                return nil
            }
            defer { gdImageDestroy(im) }
            guard let rows = im.pointee.tpixels else { return nil }
            for j in 0..<h { rows[j]?.update(repeating: 0x7F00_0000, count: w) }
            gdImageAlphaBlending(im, 1)
            guard draw(on: im, x: ox, y: oy) != nil else { return nil }
            let pixels = (0..<h).flatMap { j in UnsafeBufferPointer(start: rows[j], count: w) }
            return Run(pixels: pixels, width: w, originX: ox, originY: oy)
        }
    }
}

/// Font selection shared by drawing and measuring; FreeType is probed once per process.
private enum FontSystem {
    /// Whether FreeType + fontconfig can render "DejaVu Sans"; computed once, thread-safely.
    static let freeTypeWorks: Bool = {
        guard gdFontCacheSetup() == 0, gdFTUseFontConfig(1) != 0 else { return false }
        let brect = draw("Ag", on: nil, size: 16, bold: false, vertical: false, color: 0, x: 0, y: 0)
        return brect.map { $0[2] > $0[0] } ?? false
    }()

    /// Draws `s` on `image` (only measures it when `nil`), its basepoint at `(x, y)`; libgd's
    /// bounding box (the corners' x, y), or `nil` if FreeType fails.
    static func draw(_ s: String, on image: gdImagePtr?, size: Double, bold: Bool, vertical: Bool,
                     color: Int32, x: Int, y: Int) -> [Int32]? {
        var brect = [Int32](repeating: 0, count: 8)
        // gd renders at 96 dpi: `size` pixels per em is `size × 72 / 96` points.
        let error = gdImageStringFT(image, &brect, color, bold ? "DejaVu Sans:bold" : "DejaVu Sans",
                                    size * 0.75, vertical ? Double.pi / 2 : 0, Int32(x), Int32(y), s)
        return error == nil ? brect : nil
    }

    static func bitmapFont(size: Double, bold: Bool) -> gdFontPtr {
        switch size {
        case ..<10: return gdFontGetTiny()
        case ..<13: return bold ? gdFontGetMediumBold() : gdFontGetSmall()
        case ..<16: return gdFontGetLarge()
        default: return gdFontGetGiant()
        }
    }
}
