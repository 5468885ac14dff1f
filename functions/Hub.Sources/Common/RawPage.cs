namespace Hub.Sources.Common;

/// <summary>One page as the source sent it: the raw bytes (for lineage), its records one by one (so one bad
/// record does not sink the page), whether more pages follow, and the source's cursor just after this page
/// (what the hub saves as its watermark once the page is stored).</summary>
public sealed record RawPage(byte[] Raw, IReadOnlyList<JsonElement> Records, bool More, string? Next);
