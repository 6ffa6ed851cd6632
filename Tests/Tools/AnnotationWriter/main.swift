// A test tool: writes annotations into an annotation store (or, with `tilsyn`, answers into
// ledelsestilsyn's store) as fast as it can or with random pauses, so that tests can run several
// writers at once against one store, or kill one mid-write. In `tilsyn` mode it prints "ok N"
// after each answer the store has taken.
// Usage: overblik-annotation-writer DIRECTORY WRITER COUNT [MAX_PAUSE_MICROSECONDS] [tilsyn]
import Foundation
import OverblikCore
import OverblikStore

let arguments = CommandLine.arguments
guard arguments.count >= 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: overblik-annotation-writer DIRECTORY WRITER COUNT [MAX_PAUSE_MICROSECONDS] [tilsyn]\n".utf8))
    exit(2)
}
let writer = arguments[2]
let pause = arguments.count > 4 ? UInt32(arguments[4]) ?? 0 : 0
let tilsyn = arguments.count > 5 && arguments[5] == "tilsyn"
do {
    if tilsyn {
        let store = try SupervisionStore(directory: arguments[1])
        for i in 0..<count {
            if pause > 0 { usleep(UInt32.random(in: 0...pause)) }
            try store.answer(SupervisionAnswerEntry(period: "2026K4", caseId: "\(writer)-\(i / 12)", item: i % 12 + 1,
                                                    answer: SupervisionAnswer.allCases[i % 3], note: "svar \(i) fra \(writer)",
                                                    who: writer, at: "2026-11-23T10:00:00Z"))
            FileHandle.standardOutput.write(Data("ok \(i)\n".utf8))
        }
    } else {
        let store = try AnnotationStore(directory: arguments[1])
        for i in 0..<count {
            if pause > 0 { usleep(UInt32.random(in: 0...pause)) }
            try store.add(Annotation(key: "onlyInEconomy|SEL-108|0101901234|\(writer)-\(i)", status: AnnotationStatus.allCases[i % 4],
                                     note: "note \(i) fra \(writer)", who: writer, at: "2026-11-23T10:00:00Z"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
