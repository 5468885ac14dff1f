using System.Text.Json;

namespace Hub.Domain.Alerts;

/// <summary>Which conditions raise an alert, and their thresholds: data (alert-rules.json, embedded, or a file of the
/// same shape), not code.</summary>
public sealed record AlertRules(
    AlertRules.Switch BandDrop,
    AlertRules.Switch BelowTarget,
    AlertRules.Difference PortalDifference,
    AlertRules.Lag SourceLag,
    AlertRules.Switch RunFailed)
{
    public sealed record Switch(bool Enabled);
    public sealed record Difference(bool Enabled, double ThresholdPoints);
    public sealed record Lag(bool Enabled, double DefaultHours, IReadOnlyDictionary<string, double>? Hours)
    {
        public TimeSpan AllowedFor(string source) => TimeSpan.FromHours(Hours is not null && Hours.TryGetValue(source, out var h) ? h : DefaultHours);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static AlertRules Defaults { get; } = Load(typeof(AlertRules).Assembly.GetManifestResourceStream("alerts/alert-rules.json")!, "alert-rules.json");

    public static AlertRules FromFile(string path) =>
        File.Exists(path) ? Load(File.OpenRead(path), path) : throw new DomainException($"Alert rules file not found: {path}");

    private static AlertRules Load(Stream stream, string source)
    {
        using (stream)
        {
            try
            {
                var rules = JsonSerializer.Deserialize<AlertRules>(stream, Json) ?? throw new DomainException($"{source}: empty.");
                if (rules.BandDrop is null || rules.BelowTarget is null || rules.PortalDifference is null || rules.SourceLag is null || rules.RunFailed is null)
                    throw new DomainException($"{source}: every rule (bandDrop, belowTarget, portalDifference, sourceLag, runFailed) must be given.");
                if (rules.PortalDifference.ThresholdPoints < 0 || rules.SourceLag.DefaultHours <= 0)
                    throw new DomainException($"{source}: thresholds must be positive.");
                return rules;
            }
            catch (JsonException e) { throw new DomainException($"{source}: not a valid rules file: {e.Message}"); }
        }
    }
}
