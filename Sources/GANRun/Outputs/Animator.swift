import Foundation
import GANRender

/// Builds `R/M_generate_animation.gif` from the frames `R/M_epoch%03d.png` on disk, in
/// index order, like the seed's `generate_animation`: one GIF frame per image, each shown
/// for 100/fps hundredths of a second (GIF delays are whole centiseconds, so fps values
/// that do not divide 100 are rounded), looping forever.
public enum Animator {
    /// Writes the GIF of `layout`'s frames at `fps`; returns the number of frames.
    @discardableResult
    public static func write(_ layout: RunLayout, fps: Int) throws -> Int {
        let frames = layout.existingAnimationFrames()
        guard !frames.isEmpty else {
            throw RunError.noFrames(pattern: layout.resultDir + "/" + layout.modelName + "_epochNNN.png")
        }
        try writeGIF(pngPaths: frames.map { layout.resultDir + "/" + $0.name }, fps: fps, to: layout.gif)
        return frames.count
    }

    /// Reads the PNG files in order and writes them atomically to `path` as a GIF that loops
    /// forever at `fps` frames per second.
    static func writeGIF(pngPaths: [String], fps: Int, to path: String) throws {
        let pngs = try pngPaths.map { frame in
            guard let data = FileManager.default.contents(atPath: frame) else {
                throw RunError.io(path: frame, reason: "cannot read frame")
            }
            return [UInt8](data)
        }
        let delay = max(1, Int((100.0 / Double(max(fps, 1))).rounded()))
        let gif: [UInt8]
        do {
            gif = try GIFAnimation.encode(pngFrames: pngs, delayCentiseconds: delay, loopCount: 0)
        } catch {
            throw RunError.io(path: path, reason: "\(error)")
        }
        try AtomicFile.write(gif, to: path)
    }
}
