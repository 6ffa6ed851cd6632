import Foundation
import OverblikCore
import OverblikStore
import Synchronization

/// What is read ahead after the first frame for the views whose first opening reads much (Tilsyn's
/// sample, Servicemål's lines, Sammenligning's figures: tens of milliseconds each at national
/// size), one after the other on a thread of its own at a lower priority (the screen's keys come
/// first; not Dispatch's pool, which Swift's concurrency shares), on a connection of its own to
/// the snapshot (the screen's reads do not wait for it). A view takes its part when first opened:
/// at once when it is read, else after waiting for it.
final class ReadAhead: Sendable {
    /// One part read ahead, taken once.
    final class Part<T: Sendable>: Sendable {
        private let done = DispatchGroup()
        private let result = Mutex<Result<T, SnapshotError>?>(nil)

        init() { done.enter() }

        func read(_ work: () throws(SnapshotError) -> T) {
            let value: Result<T, SnapshotError>
            do throws(SnapshotError) { value = .success(try work()) } catch { value = .failure(error) }
            result.withLock { $0 = value }
            done.leave()
        }

        /// The part as read (waited for when it is not yet); nil when reading it failed (the view
        /// then reads it itself and says what fails).
        func value() -> T? {
            done.wait()
            return try? result.withLock({ $0 })?.get()
        }
    }

    let supervision: Part<Query.PreparedSupervision>?
    let serviceGoals = Part<(rows: [ServiceGoalLine], missing: String?)>()
    let comparison = Part<(comparison: Comparison?, missing: [String])>()

    /// Starts reading through `query` (Tilsyn's sample of `period` only when `supervision`).
    init(_ query: Query, supervision period: SupervisionPeriod?) {
        supervision = period.map { _ in Part() }
        let (supervision, serviceGoals, comparison) = (supervision, serviceGoals, comparison)
        Thread.detachNewThread {
            lowerPriority(5)
            let q: Query
            do throws(SnapshotError) { q = query.reading(through: try query.snapshot.anotherConnection()) } catch { q = query }
            if let supervision, let period { supervision.read { () throws(SnapshotError) in try q.prepareSupervision(period: period) } }
            serviceGoals.read { () throws(SnapshotError) in try q.serviceGoalLines(year: nil, paragraph: nil) }
            comparison.read { () throws(SnapshotError) in try q.comparison() }
        }
    }
}
