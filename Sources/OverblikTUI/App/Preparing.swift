import Foundation
import OverblikCore
import OverblikStore
import Synchronization

/// Something read ahead on a thread of its own (not Dispatch's pool, which Swift's concurrency
/// shares), whose result the screen takes when it is asked for: at once when the work is done,
/// else after waiting for it.
final class Preparing<T: Sendable>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Result<T, SnapshotError>?>(nil)

    init(_ work: @escaping @Sendable () throws(SnapshotError) -> T) {
        done.enter()
        Thread.detachNewThread { [self] in
            let value: Result<T, SnapshotError>
            do throws(SnapshotError) { value = .success(try work()) } catch { value = .failure(error) }
            result.withLock { $0 = value }
            done.leave()
        }
    }

    /// The result, waited for when it is not there yet.
    func value() throws(SnapshotError) -> T {
        done.wait()
        // By construction the result is set before the group is left; a missing one is never read.
        guard let r = result.withLock({ $0 }) else { throw SnapshotError(path: "", message: Message(da: "intet resultat", en: "no result")) }
        return try r.get()
    }
}
