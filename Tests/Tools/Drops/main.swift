// Writes random source drops (`DropGenerator`) into a folder: `overblik-drops FOLDER [COUNT] [SEED]`.
// Each drop's files go in as separate corpus files for the CSV fuzzer (Scripts/fuzz.sh), cut to
// the fuzzer's 4 KB input size; with `--drops` each drop is written whole into its own subfolder.
import Foundation
import OverblikTestSupport

let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--drops" }
let whole = CommandLine.arguments.contains("--drops")
guard let folder = arguments.first else {
    FileHandle.standardError.write(Data("usage: overblik-drops FOLDER [COUNT] [SEED] [--drops]\n".utf8))
    exit(2)
}
let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 200
let seed = arguments.dropFirst(2).first.flatMap { UInt64($0) } ?? 1
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
for k in 0..<count {
    var generator = DropGenerator(seed: seed &+ UInt64(k))
    let drop = generator.make()
    if whole {
        let target = (folder as NSString).appendingPathComponent("drop-\(seed &+ UInt64(k))")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for (path, bytes) in drop.files {
            let file = (target as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        }
        _ = FileManager.default.createFile(atPath: (target as NSString).appendingPathComponent("overblik.toml"), contents: Data(drop.config.utf8))
    } else {
        for (path, bytes) in drop.files {
            let name = "drop\(seed &+ UInt64(k))-" + path.replacingOccurrences(of: "/", with: "-")
            _ = FileManager.default.createFile(atPath: (folder as NSString).appendingPathComponent(name), contents: Data(bytes.prefix(4096)))
        }
    }
}
print("\(count) drops from seed \(seed) written to \(folder)")
