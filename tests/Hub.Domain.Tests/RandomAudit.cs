using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Domain.Tests;

/// <summary>Random but valid audit files from a seed, for property tests.</summary>
internal static class RandomAudit
{
    public static JsonObject Generate(int seed, int units = 8, int dossiers = 120)
    {
        var rnd = new Random(seed);
        var unitCodes = Enumerable.Range(0, units).Select(k => $"U{k:D2}").ToList();
        var unitArray = new JsonArray();
        for (var k = 0; k < units; k++)
            unitArray.Add(new JsonObject { ["code"] = unitCodes[k], ["name"] = $"Đơn vị {k}", ["parentCode"] = k == 0 ? null : unitCodes[rnd.Next(k)] });
        var procedures = new JsonArray();
        var procCodes = new List<string>();
        for (var k = 0; k < units * 2; k++)
        {
            var code = $"P{k:D3}";
            procCodes.Add(code);
            procedures.Add(new JsonObject
            {
                ["code"] = code, ["unitCode"] = unitCodes[rnd.Next(units)], ["effectiveFrom"] = Time(rnd, 2025, 2026),
                ["effectiveTo"] = rnd.Next(5) == 0 ? Time(rnd, 2026, 2027) : null,
                ["decisionEffectiveAt"] = rnd.Next(4) == 0 ? null : Time(rnd, 2025, 2026),
                ["publishedAt"] = rnd.Next(4) == 0 ? null : Time(rnd, 2025, 2026),
                ["complete"] = rnd.Next(2) == 0, ["onlineLevel"] = new[] { "none", "partial", "full" }[rnd.Next(3)],
            });
        }
        var ds = new JsonArray();
        for (var k = 0; k < dossiers; k++)
        {
            var received = Instant(rnd, 2026);
            ds.Add(new JsonObject
            {
                ["id"] = $"D{k:D5}", ["unitCode"] = unitCodes[rnd.Next(units)], ["procedureCode"] = rnd.Next(10) == 0 ? "P-unknown" : procCodes[rnd.Next(procCodes.Count)],
                ["channel"] = new[] { "direct", "online", "postal" }[rnd.Next(3)], ["receivedAt"] = Write(received, rnd),
                ["dueAt"] = rnd.Next(5) == 0 ? null : Write(received.AddDays(rnd.Next(1, 20)), rnd),
                ["finishedAt"] = rnd.Next(4) == 0 ? null : Write(received.AddHours(rnd.Next(1, 600)), rnd),
                ["portalSyncedAt"] = rnd.Next(6) == 0 ? null : Write(received.AddHours(rnd.Next(0, 60)), rnd),
                ["feeRequired"] = rnd.Next(2) == 0, ["paidOnline"] = rnd.Next(2) == 0, ["digitized"] = rnd.Next(2) == 0,
                ["electronicResult"] = rnd.Next(2) == 0, ["reusedData"] = rnd.Next(2) == 0,
            });
        }
        var feedback = new JsonArray();
        for (var k = 0; k < dossiers / 5; k++)
        {
            var received = Instant(rnd, 2026);
            var due = received.AddDays(rnd.Next(1, 30));
            feedback.Add(new JsonObject
            {
                ["id"] = $"F{k:D4}", ["unitCode"] = unitCodes[rnd.Next(units)], ["receivedAt"] = Write(received, rnd), ["dueAt"] = Write(due, rnd),
                ["answeredAt"] = rnd.Next(3) == 0 ? null : Write(received.AddDays(rnd.Next(0, 40)), rnd),
            });
        }
        var ratings = new JsonArray();
        for (var k = 0; k < dossiers / 3; k++)
            ratings.Add(new JsonObject
            {
                ["id"] = $"R{k:D5}", ["dossierId"] = $"D{rnd.Next(dossiers):D5}", ["unitCode"] = unitCodes[rnd.Next(units)], ["ratedAt"] = Write(Instant(rnd, 2026), rnd),
                ["level"] = new[] { "verySatisfied", "satisfied", "neutral", "dissatisfied" }[rnd.Next(4)],
            });
        return new JsonObject { ["units"] = unitArray, ["procedures"] = procedures, ["dossiers"] = ds, ["feedback"] = feedback, ["ratings"] = ratings };
    }

    /// <summary>The same file with every array shuffled and the arrays themselves in a different order.</summary>
    public static JsonObject Shuffled(JsonObject audit, int seed)
    {
        var rnd = new Random(seed);
        var result = new JsonObject();
        foreach (var name in new[] { "ratings", "dossiers", "units", "feedback", "procedures" })
        {
            var items = ((JsonArray)audit[name]!).Select(n => n!.DeepClone()).OrderBy(_ => rnd.Next()).ToArray();
            result[name] = new JsonArray(items);
        }
        return result;
    }

    public static MemoryStream ToStream(JsonObject audit) => new(Encoding.UTF8.GetBytes(audit.ToJsonString()));

    private static DateTimeOffset Instant(Random rnd, int year) =>
        new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(rnd.Next(0, 365 * 24 * 60));

    private static string Time(Random rnd, int fromYear, int toYear) => Write(Instant(rnd, rnd.Next(fromYear, toYear + 1)), rnd);

    /// <summary>Same instant, randomly in UTC or in +07:00.</summary>
    private static string Write(DateTimeOffset instant, Random rnd) =>
        rnd.Next(2) == 0 ? instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ") : instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:sszzz");
}
