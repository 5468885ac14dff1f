using System.CommandLine;
using Hub.Local.Commands;

namespace Hub.Integration.Tests;

/// <summary>`hub recompute` as a user runs it: exit codes, messages, and nothing partial on disk.</summary>
public class RecomputeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hub-recompute-").FullName;

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try { return (new RootCommand { RecomputeCommand.Create() }.Parse(args).Invoke(), error.ToString()); }
        finally { Console.SetError(original); }
    }

    private const string Good = """
    {"units":[{"code":"R","name":"Bộ Tài chính"},{"code":"U","name":"Cục Thuế","parentCode":"R"}],
     "dossiers":[{"id":"D1","unitCode":"U","procedureCode":"P","channel":"direct","receivedAt":"2026-07-01T08:00:00+07:00",
       "dueAt":"2026-07-03T17:00:00+07:00","finishedAt":"2026-07-02T10:00:00+07:00","feeRequired":false,"paidOnline":false,
       "digitized":true,"electronicResult":true,"reusedData":false}]}
    """;

    [Fact]
    public void A_good_file_is_scored_into_the_output_format_with_the_targets_view_beside_it()
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good);
        var output = Path.Combine(_dir, "result.json");
        var targets = Path.Combine(_dir, "targets.json");
        var (code, error) = Run("recompute", "--input", input, "--period", "2026-Q3", "--output", output, "--targets", targets);
        Assert.True(code == 0, error);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("766-2022", doc.RootElement.GetProperty("methodology").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("units").GetArrayLength());
        Assert.Contains("not scored", File.ReadAllText(targets));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void A_malformed_file_names_the_record_and_field_and_writes_nothing()
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good.Replace("\"2026-07-02T10:00:00+07:00\"", "\"02/07/2026\""));
        var output = Path.Combine(_dir, "result.json");
        var (code, error) = Run("recompute", "--input", input, "--period", "2026-Q3", "--output", output);
        Assert.Equal(1, code);
        Assert.Contains("dossiers[0] ('D1'): field 'finishedAt' is '02/07/2026'", error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Theory]
    [InlineData("2026-Q5", "not valid")]
    [InlineData("Q3-2026", "not valid")]
    public void A_bad_period_is_refused_before_reading(string period, string expected)
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good);
        var (code, error) = Run("recompute", "--input", input, "--period", period, "--output", Path.Combine(_dir, "out.json"));
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_missing_input_file_is_a_clear_error()
    {
        var (code, error) = Run("recompute", "--input", Path.Combine(_dir, "nope.json"), "--period", "2026-Q3", "--output", Path.Combine(_dir, "out.json"));
        Assert.Equal(2, code);
        Assert.Contains("Input file not found", error);
    }

    [Theory]
    [InlineData("2026-08", "month")]
    [InlineData("2026", "year")]
    public void Counts_of_one_period_reproduce_what_the_portal_published(string period, string tag)
    {
        var counts = Path.Combine(AppContext.BaseDirectory, "fixtures", "portal-counts");
        var output = Path.Combine(_dir, "portal.json");
        var (code, error) = Run("recompute", "--methodology", "766-portal", "--counts", counts, "--period", period, "--output", output);
        Assert.True(code == 0, error);
        using var result = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("766-portal", result.RootElement.GetProperty("methodology").GetString());
        var units = result.RootElement.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!);
        Assert.Equal(164, units.Count);
        using var totals = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(counts, $"expected-TOTAL-{tag}.json")));
        var province = totals.RootElement.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "H44");
        var h44 = units["H44"];
        Assert.Equal(province.GetProperty("total").GetDouble(), h44.GetProperty("total").GetDouble(), 0.02);
        foreach (var g in h44.GetProperty("groups").EnumerateArray())
            Assert.Equal(province.GetProperty("groups").GetProperty(g.GetProperty("id").GetString()!).GetDouble(), g.GetProperty("score").GetDouble(), 0.015);
        // A unit row: ONLINE has no inputs, so no group score and no total (never the published figure).
        var online = units["H44.07"].GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "ONLINE");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, online.GetProperty("score").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units["H44.07"].GetProperty("total").ValueKind);
    }

    [Fact]
    public void A_malformed_counts_file_names_file_unit_and_field_and_nothing_is_written()
    {
        var counts = Directory.CreateDirectory(Path.Combine(_dir, "counts")).FullName;
        File.WriteAllText(Path.Combine(counts, "MDHL-month.json"), """
        {"format":"qd766-canonical/1","group":"MDHL","period":{"type":"month","value":"2026-08"},
         "units":[{"code":"H44","parentCode":null,"indicators":{"DOSSIER_RECEIVING_SATISFACTION":{"numerator":5,"denominator":4.5}}}]}
        """);
        var output = Path.Combine(_dir, "out.json");
        var (code, error) = Run("recompute", "--counts", counts, "--period", "2026-08", "--output", output);
        Assert.Equal(1, code);
        Assert.Contains("MDHL-month.json: unit H44: field 'indicators.DOSSIER_RECEIVING_SATISFACTION.denominator' is 4.5", error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        var (both, message) = Run("recompute", "--counts", counts, "--input", output, "--period", "2026-08", "--output", output);
        Assert.Equal(2, both);
        Assert.Contains("either --input", message);
    }

    [Theory]
    [InlineData("no-such-folder/out.json", "does not exist")]
    [InlineData(".", "is a directory")]
    public void A_bad_output_path_is_one_line_a_non_zero_exit_and_no_stray_file(string output, string expected)
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good);
        var (code, error) = Run("recompute", "--input", input, "--period", "2026-Q3", "--output", Path.Combine(_dir, output));
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n')); // one line, no stack trace
        Assert.Equal(["audit.json"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).ToArray());
    }

    [Fact]
    public void An_audit_file_can_be_compared_offline_under_another_methodology()
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good);
        var comparison = Path.Combine(_dir, "what-if.json");
        var (code, error) = Run("recompute", "--input", input, "--period", "2026-Q3", "--output", Path.Combine(_dir, "out.json"), "--compare-with", "766-portal", "--comparison", comparison);
        Assert.True(code == 0, error);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(comparison));
        Assert.Equal(("766-2022", "766-portal"), (doc.RootElement.GetProperty("from").GetString(), doc.RootElement.GetProperty("to").GetString()));
        Assert.Equal(2, doc.RootElement.GetProperty("units").GetArrayLength());
        Assert.Equal(2, Run("recompute", "--input", input, "--period", "2026-Q3", "--output", Path.Combine(_dir, "o2.json"), "--compare-with", "766-portal").Code);
    }

    [Fact]
    public void Full_width_digits_in_the_period_are_one_clear_line()
    {
        var input = Path.Combine(_dir, "audit.json");
        File.WriteAllText(input, Good);
        var (code, error) = Run("recompute", "--input", input, "--period", "２０２６-Q3", "--output", Path.Combine(_dir, "out.json"));
        Assert.Equal(1, code);
        Assert.Contains("is not valid", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
