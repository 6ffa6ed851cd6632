/// The program version both executables report and every snapshot records.
public enum OverblikVersion {
    public static let current = "0.1.0"
}
