import Foundation

/// What running one of the built executables gave.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The time every program the tests run takes for "now" (`OVERBLIK_NOW`): a snapshot made by a
/// test is always made at 06:00 UTC on 23-11-2026, whatever day the tests run.
public let fixedNow = "2026-11-23T06:00:00Z"
/// `fixedNow` as a `Date`, for the syncs and stores the tests run in-process.
public let fixedNowDate = Date(timeIntervalSince1970: 1_795_413_600)

/// Runs `.build/debug/NAME` (built by `swift test` together with the tests) with `arguments`,
/// at the fixed now unless `environment` names another.
public func runExecutable(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    try runProgram(packageRoot() + "/.build/debug/" + name, arguments, environment: environment)
}

/// Runs any program by its path (a shell, /usr/bin/time) and collects its output.
public func runProgram(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["OVERBLIK_NOW"] = fixedNow
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
