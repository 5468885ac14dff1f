using System.Text;
using Hub.Domain.Audit;

namespace Hub.Domain.Tests;

public class AuditFileTests
{
    private static readonly Period Q3 = Period.OfQuarter(2026, 3);

    private static string Error(string json)
    {
        using var s = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return Assert.Throws<DomainException>(() => Recompute.Run(s, Q3, IndexCatalogs.Get("766-2022"))).Message;
    }

    private const string Unit = """{"code":"U","name":"Đơn vị"}""";
    private const string GoodDossier = """{"id":"D1","unitCode":"U","procedureCode":"P","channel":"online","receivedAt":"2026-07-01T08:00:00+07:00","feeRequired":false,"paidOnline":false,"digitized":false,"electronicResult":false,"reusedData":false}""";

    [Theory]
    [InlineData("""{"units":[UNIT],"dossiers":[{"id":"D1","unitCode":"U","procedureCode":"P","channel":"fax","receivedAt":"2026-07-01T08:00:00+07:00","feeRequired":false,"paidOnline":false,"digitized":false,"electronicResult":false,"reusedData":false}]}""", "dossiers[0] ('D1'): field 'channel' is 'fax'")]
    [InlineData("""{"units":[UNIT],"dossiers":[{"id":"D1","unitCode":"U","procedureCode":"P","channel":"online","receivedAt":"2026-07-01T08:00:00","feeRequired":false,"paidOnline":false,"digitized":false,"electronicResult":false,"reusedData":false}]}""", "dossiers[0] ('D1'): field 'receivedAt' is '2026-07-01T08:00:00', not an ISO 8601 timestamp with an offset")]
    [InlineData("""{"units":[UNIT],"dossiers":[GOOD,{"id":"D2","unitCode":"U","procedureCode":"P","channel":"online","receivedAt":"2026-07-01T08:00:00Z","paidOnline":false,"digitized":false,"electronicResult":false,"reusedData":false}]}""", "dossiers[1] ('D2'): field 'feeRequired' is required")]
    [InlineData("""{"units":[UNIT],"dossiers":[{"id":"D1","unitCode":"U","procedureCode":"P","channel":"online","receivedAt":"2026-07-01T08:00:00Z","feeRequired":"yes","paidOnline":false,"digitized":false,"electronicResult":false,"reusedData":false}]}""", "dossiers[0]: field 'feeRequired' is not valid")]
    [InlineData("""{"units":[UNIT],"dossiers":[GOOD,GOOD]}""", "dossiers[1]: dossier id 'D1' appears more than once")]
    [InlineData("""{"units":[UNIT],"dosiers":[]}""", "Unknown top-level field 'dosiers'")]
    [InlineData("""{"units":[UNIT],"dossiers":[GOOD]""", "not valid JSON")]
    [InlineData("""[1,2]""", "must be one JSON object")]
    [InlineData("""{"units":[UNIT],"feedback":[{"id":"F1","unitCode":"NOPE","receivedAt":"2026-07-01T08:00:00Z","dueAt":"2026-07-05T08:00:00Z"}]}""", "feedback[0]: field 'unitCode' names unit 'NOPE'")]
    [InlineData("""{"units":[UNIT,{"code":"V","parentCode":"W"}]}""", "names parent 'W'")]
    [InlineData("""{"units":[UNIT],"ratings":[{"dossierId":"D1","unitCode":"U","ratedAt":"2026-07-01T08:00:00Z","level":"meh"}]}""", "ratings[0] ('D1'): field 'level' is 'meh'")]
    [InlineData("""{"units":[UNIT],"procedures":[{"code":"P","unitCode":"U","effectiveFrom":"2026-01-01T00:00:00Z","complete":true,"onlineLevel":"full","extra":1}]}""", "procedures[0]")]
    public void Malformed_input_names_the_record_and_the_field(string json, string expected)
    {
        var message = Error(json.Replace("UNIT", Unit).Replace("GOOD", GoodDossier));
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Records_larger_than_the_read_buffer_and_cut_at_any_point_stream_correctly()
    {
        // 3000 dossiers with long ids: many buffer refills, records cut at arbitrary offsets.
        var sb = new StringBuilder("""{"units":[{"code":"U","name":"U"}],"dossiers":[""");
        for (var k = 0; k < 3000; k++)
        {
            if (k > 0) sb.Append(',');
            sb.Append(GoodDossier.Replace("\"D1\"", $"\"D{k:D6}-{new string('x', k % 97)}\"").Replace("\"online\"", k % 3 == 0 ? "\"direct\"" : "\"online\""));
        }
        sb.Append("]}");
        using var s = new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));
        var result = Recompute.Run(s, Q3, IndexCatalogs.Get("766-2022"));
        var i = result.Units.Single().Indicators.Single(x => x.Id == "4.3");
        Assert.Equal(3000, i.Denominator);
        Assert.Equal(1000, result.Units.Single().Indicators.Single(x => x.Id == "4.1").Denominator);
    }

    [Fact]
    public void Output_follows_the_audit_output_format()
    {
        using var s = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"units":[{{Unit}}],"dossiers":[{{GoodDossier}}]}"""));
        var bytes = IndexResultJson.ToBytes(Recompute.Run(s, Q3, IndexCatalogs.Get("766-2022")));
        using var doc = System.Text.Json.JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        Assert.Equal("2026-Q3", root.GetProperty("period").GetString());
        Assert.Equal("766-2022", root.GetProperty("methodology").GetString());
        var unit = root.GetProperty("units")[0];
        Assert.Equal("U", unit.GetProperty("code").GetString());
        Assert.Equal(5, unit.GetProperty("groups").GetArrayLength());
        Assert.Equal(14, unit.GetProperty("indicators").GetArrayLength());
        var i21 = unit.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "2.1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, i21.GetProperty("points").ValueKind); // not applicable
        Assert.Equal(0, i21.GetProperty("denominator").GetInt64());
    }
}

public class AuditFileDuplicateTests
{
    private static readonly Hub.Domain.Periods.Period Q3 = Hub.Domain.Periods.Period.OfQuarter(2026, 3);

    private static string Run(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Assert.Throws<DomainException>(() => Hub.Domain.Audit.Recompute.Run(stream, Q3, Hub.Domain.Catalog.IndexCatalogs.Get("766-2022"))).Message;
    }

    private const string Units = "\"units\":[{\"code\":\"U\",\"name\":\"Unit\"}]";
    private const string Rating = """{"dossierId":"D1","unitCode":"U","ratedAt":"2026-08-01T08:00:00+07:00","level":"satisfied"}""";

    [Fact]
    public void A_rating_given_twice_is_refused() =>
        Assert.Contains("ratings[1]: rating of dossier 'D1' appears more than once", Run($$"""{{{Units}},"ratings":[{{Rating}},{{Rating}}]}"""));

    [Fact]
    public void Ratings_with_ids_are_told_apart_by_id()
    {
        var two = Rating.Replace("{", "{\"id\":\"R1\",", StringComparison.Ordinal);
        var other = Rating.Replace("{", "{\"id\":\"R2\",", StringComparison.Ordinal);
        using var ok = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{{{Units}},"ratings":[{{two}},{{other}}]}"""));
        var result = Hub.Domain.Audit.Recompute.Run(ok, Q3, Hub.Domain.Catalog.IndexCatalogs.Get("766-2022"));
        Assert.Equal(2, result.Units.Single().Indicators.Single(i => i.Id == "5.2").Denominator);
        Assert.Contains("rating id 'R1' appears more than once", Run($$"""{{{Units}},"ratings":[{{two}},{{two}}]}"""));
    }

    [Fact]
    public void A_repeated_top_level_array_is_refused_not_merged() =>
        Assert.Contains("'ratings' appears more than once", Run($$"""{{{Units}},"ratings":[{{Rating}}],"ratings":[]}"""));
}
