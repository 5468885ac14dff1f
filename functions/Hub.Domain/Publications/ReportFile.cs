namespace Hub.Domain.Publications;

/// <summary>One rendered report file. Content depends only on the scores, never on when it was rendered,
/// so the same scores always hash the same and a re-publication of unchanged data is detected.</summary>
public sealed record ReportFile(string Name, string ContentType, byte[] Content);
