using Hub.Simulators.Portal;

namespace Hub.Local.Local;

/// <summary>Points every source client at the loopback simulator.</summary>
public static class SimulatorSettings
{
    public static Dictionary<string, string?> For(PortalSimulator simulator)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var section in new[] { "Sources:Portal", "Sources:Population", "Sources:Business" })
        {
            settings[$"{section}:BaseUrl"] = simulator.BaseUrl.ToString();
            settings[$"{section}:ApiKey"] = simulator.ApiKey;
            settings[$"{section}:RetryDelay"] = "00:00:00.200";
        }
        return settings;
    }
}
