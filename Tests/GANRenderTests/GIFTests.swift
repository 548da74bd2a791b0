import Testing
import GANRender
import TestSupport

@Suite("GIF")
struct GIFTests {
    static func frames(_ colors: [Color], width: Int = 40, height: Int = 30) -> [Canvas] {
        colors.map { color in
            let c = Canvas(width: width, height: height, background: .white)
            c.fillRect(x0: 5, y0: 5, x1: 20, y1: 20, color: color)
            c.marker(.cross, x: 30, y: 15, size: 7, color: color)
            return c
        }
    }

    @Test func threeFramesDecodeWithDelaysAndInfiniteLoop() throws {
        let gif = try GIFAnimation.encode(frames: Self.frames([.seedReal, .seedGenerated, .black]), delayCentiseconds: 20)
        let info = try GIFInfo(bytes: gif)
        #expect(info.version == "GIF89a")
        #expect(info.width == 40 && info.height == 30)
        #expect(info.frameCount == 3)
        #expect(info.delaysCentiseconds == [20, 20, 20])
        #expect(info.loopCount == 0)
        #expect(info.localColorTables == [true, true, true])
    }

    @Test func loopCountIsWrittenOrOmitted() throws {
        let frames = Self.frames([.black, .white])
        #expect(try GIFInfo(bytes: GIFAnimation.encode(frames: frames, delayCentiseconds: 5, loopCount: 3)).loopCount == 3)
        #expect(try GIFInfo(bytes: GIFAnimation.encode(frames: frames, delayCentiseconds: 5, loopCount: -1)).loopCount == nil)
    }

    @Test func mismatchedSizesThrowWithBothSizes() {
        let frames = Self.frames([.black]) + Self.frames([.black], width: 41)
        #expect(throws: RenderError.frameSizeMismatch(index: 1, expectedWidth: 40, expectedHeight: 30, width: 41, height: 30)) {
            try GIFAnimation.encode(frames: frames, delayCentiseconds: 20)
        }
    }

    @Test func emptyFrameListThrows() {
        #expect(throws: RenderError.emptyFrameList) { try GIFAnimation.encode(frames: [], delayCentiseconds: 20) }
        #expect(throws: RenderError.emptyFrameList) { try GIFAnimation.encode(pngFrames: [], delayCentiseconds: 20) }
    }

    @Test func encodingIsDeterministic() throws {
        let a = try GIFAnimation.encode(frames: Self.frames([.seedReal, .seedGenerated]), delayCentiseconds: 20)
        let b = try GIFAnimation.encode(frames: Self.frames([.seedReal, .seedGenerated]), delayCentiseconds: 20)
        #expect(a == b)
    }

    @Test func pngFramesAreDecodedThenEncoded() throws {
        let scatter = ScatterFrame(series: [.seedReal([0, 0, 1, 1])], title: "step 1000")
        var later = scatter
        later.title = "step 2000"
        let pngs = [scatter.render().pngData(), later.render().pngData()]
        let info = try GIFInfo(bytes: GIFAnimation.encode(pngFrames: pngs, delayCentiseconds: 20))
        #expect(info.width == 800 && info.height == 600)
        #expect(info.frameCount == 2)
        #expect(throws: RenderError.self) { try GIFAnimation.encode(pngFrames: [pngs[0], [0, 1, 2]], delayCentiseconds: 20) }
        // Decoding one frame at a time gives the bytes of decoding them all first.
        let decoded = try pngs.map(Canvas.decodePNG)
        #expect(try GIFAnimation.encode(pngFrames: pngs, delayCentiseconds: 20, loopCount: 3)
                == GIFAnimation.encode(frames: decoded, delayCentiseconds: 20, loopCount: 3))
        let small = Canvas(width: 40, height: 30, background: .white).pngData()
        #expect(throws: RenderError.frameSizeMismatch(index: 1, expectedWidth: 800, expectedHeight: 600, width: 40, height: 30)) {
            try GIFAnimation.encode(pngFrames: [pngs[0], small], delayCentiseconds: 20)
        }
    }

    @Test func gifInfoRejectsGarbageAndTruncation() throws {
        #expect(throws: GIFInfo.FormatError.self) { try GIFInfo(bytes: Array("GIF89a".utf8)) }
        #expect(throws: GIFInfo.FormatError.self) { try GIFInfo(bytes: Array("PNG is not GIF at all".utf8)) }
        let gif = try GIFAnimation.encode(frames: Self.frames([.black]), delayCentiseconds: 1)
        #expect(throws: GIFInfo.FormatError.self) { try GIFInfo(bytes: Array(gif.dropLast())) }
    }
}
