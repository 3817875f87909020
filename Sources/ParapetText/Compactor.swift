/// Builds the compact view from the canonical view (letters joined across single separators).
public enum Compactor {
    public static func compactView(of canonical: TextView) -> TextView {
        TextView(kind: .compact, bytes: canonical.bytes, map: canonical.map, chain: ["compact"])
    }
}
