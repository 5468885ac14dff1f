namespace Hub.Local.Local;

/// <summary>Points every source client at the loopback simulator.</summary>
public static class SimulatorSettings
{
    public static Dictionary<string, string?> For(PortalSimulator simulator) => For(simulator.BaseUrl, simulator.ApiKey);

    public static Dictionary<string, string?> For(ISimulatedSources sources) => For(sources.BaseUrl, sources.ApiKey);

    public static Dictionary<string, string?> For(Uri baseUrl, string apiKey)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var section in new[] { "Sources:Portal", "Sources:Population", "Sources:Business" })
        {
            settings[$"{section}:BaseUrl"] = baseUrl.ToString();
            settings[$"{section}:ApiKey"] = apiKey;
            settings[$"{section}:RetryDelay"] = "00:00:00.200";
        }
        return settings;
    }
}
