namespace Hub.Sources.Portal.Evaluation;

/// <summary>The portal's six evaluation endpoints (<c>POST /api/v1/reporting/evaluation/{endpoint}</c>) and the
/// index group each publishes. Two response shapes: "evaluation" (overview + evaluation[] rows with metrics[]) and
/// "tree" (parent + children with named count fields).</summary>
public static class PortalEvaluationEndpoints
{
    public sealed record Endpoint(string Name, string Group, bool TreeShape, bool DateRange);

    public static readonly IReadOnlyList<Endpoint> All =
    [
        new("transparency", "CKMB", TreeShape: false, DateRange: false),
        new("dvc-progress-tree", "TDGQ", TreeShape: true, DateRange: false),
        new("provide-online-tree", "ONLINE", TreeShape: true, DateRange: false),
        new("formality-online-payment-tree", "TTTT", TreeShape: true, DateRange: false),
        new("dossier-digitized", "MDSH", TreeShape: false, DateRange: false),
        // The one endpoint that takes fromDate/toDate instead of timeType.
        new("handling-satisfaction", "MDHL", TreeShape: false, DateRange: true),
    ];

    public static Endpoint ByName(string name) =>
        All.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"Unknown evaluation endpoint '{name}'.");

    public const string PathPrefix = "api/v1/reporting/evaluation/";
}
