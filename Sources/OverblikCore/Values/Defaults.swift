/// The configuration's defaults, named once: the loader, the snapshot's metadata and the
/// documentation (docs/kilder-og-konfiguration.md) all mean these.
public enum Defaults {
    /// `followup.due_soon_days`: a follow-up within this many days is "snart".
    public static let dueSoonDays = 30
    /// `reconciliation.rate_tolerance`: paid may differ from expected by this share (2 %).
    public static let rateTolerance = 0.02
    /// `sync.max_reject_share`: a table with a larger share of rejected rows fails the sync (5 %).
    public static let maxRejectShare = 0.05
    /// `snapshot.dir`.
    public static let snapshotDirectory = "snapshots"
    /// `snapshot.keep`: older snapshots kept besides the newest.
    public static let snapshotKeep = 10
}
