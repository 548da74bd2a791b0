// Frames and a GIF from samples another framework wrote (PyTorch, JAX, …), no training:
// one CSV per step, `step_<N>.csv` with a header `x,y`, and optionally `real.csv`.
//   swift run render-only <csv-dir> <output.gif> [fps]
import Foundation
import GANScope

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: render-only <csv-dir> <output.gif> [fps]\n".data(using: .utf8)!)
    exit(2)
}
let dir = args[1], output = args[2], fps = args.count > 3 ? Int(args[3])! : 5

// The steps, in numeric order, from the file names.
let names = try FileManager.default.contentsOfDirectory(atPath: dir)
let steps = names.compactMap { name -> (step: Int, path: String)? in
    guard name.hasPrefix("step_"), name.hasSuffix(".csv"), let n = Int(name.dropFirst(5).dropLast(4)) else { return nil }
    return (n, dir + "/" + name)
}.sorted { $0.step < $1.step }
guard !steps.isEmpty else { print("no step_<N>.csv in \(dir)"); exit(2) }
let realPath = dir + "/real.csv"
let real = FileManager.default.fileExists(atPath: realPath) ? try PointsCSV.read(path: realPath) : []

// One view for every frame: all points, with a margin.
var all = real
for s in steps { all += try PointsCSV.read(path: s.path) }
func range(_ points: [Float], axis: Int) -> ClosedRange<Double> {
    let v = stride(from: axis, to: points.count, by: 2).map { Double(points[$0]) }
    let lo = v.min() ?? -1, hi = v.max() ?? 1, pad = max(0.1 * (hi - lo), 1e-3)
    return (lo - pad)...(hi + pad)
}
let (xlim, ylim) = (range(all, axis: 0), range(all, axis: 1))

// The seed's scatter for each step: real '+' in red, generated 'x' in blue.
var frames: [Canvas] = []
for s in steps {
    let generated = try PointsCSV.read(path: s.path)
    let frame = ScatterFrame(series: [.seedReal(real), .seedGenerated(generated)],
                             title: "step \(s.step)", xlim: xlim, ylim: ylim)
    frames.append(frame.render())
}
let gif = try GIFAnimation.encode(frames: frames, delayCentiseconds: 100 / fps)
try Data(gif).write(to: URL(fileURLWithPath: output))
print("\(frames.count) frames → \(output)")
