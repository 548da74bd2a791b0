import Foundation
import Testing
@testable import GANRun

/// Peak memory as `summary.json` reports it (`peak_rss_mb`, and so `ganscope bench`):
/// `VmHWM` of /proc/self/status, read and converted from KiB.
@Suite("Peak resident memory")
struct ProcessMemoryTests {
    @Test func statusLinesAreParsedInMiB() {
        let status = "Name:\tganscope\nVmPeak:\t  412000 kB\nVmHWM:\t   68608 kB\nVmRSS:\t   51200 kB\n"
        #expect(ProcessMemory.parseStatus(status, key: "VmHWM") == 67)
        #expect(ProcessMemory.parseStatus(status, key: "VmRSS") == 50)
        #expect(ProcessMemory.parseStatus(status, key: "VmSwap") == nil)
        #expect(ProcessMemory.parseStatus("VmHWM:\t 12 pages\n", key: "VmHWM") == nil)
    }

    /// This test process has its own peak: more than the few MiB of a bare process, and at
    /// least what it holds right now after touching 64 MiB.
    @Test func thisProcessHasAPeak() throws {
        let bytes = 64 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
        defer { block.deallocate() }
        for page in stride(from: 0, to: bytes, by: 4096) { block.storeBytes(of: 1, toByteOffset: page, as: UInt8.self) }
        let peak = try #require(ProcessMemory.peakResidentMB())
        #expect(peak >= 64, "VmHWM \(peak) MiB after touching 64 MiB")
    }

    @Test func summaryRecordsThePeak() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ganscope-mem-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = RunFailureTests.tiny(dir)
        c.numEpochs = 10; c.animFreq = 5; c.dispFreq = 10; c.evalFreq = 10
        let summary = try Experiment(config: c).run()
        let data = try #require(FileManager.default.contents(atPath: RunLayout(resultDir: dir, modelName: c.modelName).summaryJSON))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let peak = try #require(object["peak_rss_mb"] as? Double)
        #expect(peak > 1 && peak == summary.peakRSSMB)
    }
}
