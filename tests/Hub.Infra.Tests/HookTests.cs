using System.Diagnostics;

namespace Hub.Infra.Tests;

/// <summary>The azd hooks run as azd runs them (the file itself, by its shebang) against a stub `az` on PATH that
/// answers as the Azure CLI does: signed in or not, secrets present, soft-deleted or absent, Key Vault refusing while a
/// new role assignment propagates, an unexpected error.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the hooks are bash scripts, as azd runs them on Linux and macOS
public class HookTests
{
    private const string StubAz = """
        #!/usr/bin/env bash
        # A stand-in for the Azure CLI: logs each call; answers from the files in $STUB_DIR.
        echo "$*" >> "$STUB_DIR/calls"
        name=""; prev=""
        for a in "$@"; do [ "$prev" = "--name" ] && name="$a"; prev="$a"; done
        countdown() { # a file holding how many more times to fail
          [ -e "$STUB_DIR/$1" ] || return 1
          n=$(cat "$STUB_DIR/$1"); [ "$n" -gt 0 ] || return 1
          echo $((n - 1)) > "$STUB_DIR/$1"
        }
        case "$1 $2 $3" in
          "account show "*) [ -e "$STUB_DIR/nologin" ] && { echo "ERROR: Please run 'az login' to setup account." >&2; exit 1; }; exit 0 ;;
          "account set "*) exit 0 ;;
          "keyvault secret show")
            countdown forbidden && { echo "ERROR: (Forbidden) Caller is not authorized to perform action on resource. Code: ForbiddenByRbac" >&2; exit 1; }
            [ -e "$STUB_DIR/broken" ] && { echo "ERROR: (BadParameter) The request URI contains an invalid name." >&2; exit 1; }
            [ -e "$STUB_DIR/secret-$name" ] && { echo "https://kv.vault.azure.net/secrets/$name/1"; exit 0; }
            echo "ERROR: (SecretNotFound) A secret with (name/id) $name was not found in this key vault." >&2; exit 1 ;;
          "keyvault secret show-deleted")
            [ -e "$STUB_DIR/deleted-$name" ] && { echo "https://kv.vault.azure.net/deletedsecrets/$name"; exit 0; }
            echo "ERROR: (DeletedSecretNotFound) Deleted Secret not found" >&2; exit 1 ;;
          "keyvault secret set") touch "$STUB_DIR/secret-$name"; exit 0 ;;
          "keyvault secret recover") mv "$STUB_DIR/deleted-$name" "$STUB_DIR/secret-$name"; exit 0 ;;
          "functionapp restart "*) exit 0 ;;
        esac
        echo "stub az: unexpected call: $*" >&2; exit 2
        """;

    private sealed record Run(int ExitCode, string Output, string Errors, IReadOnlyList<string> Calls)
    {
        public IEnumerable<string> ErrorLinesOtherThanRetries => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("retrying"));
    }

    private static Run RunHook(string hook, Action<string> arrange, IDictionary<string, string>? environment = null)
    {
        var dir = Directory.CreateTempSubdirectory("stub-az-").FullName;
        try
        {
            var az = Path.Combine(dir, "az");
            File.WriteAllText(az, StubAz.Replace("\r\n", "\n") + "\n");
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            arrange(dir);
            var start = new ProcessStartInfo(Path.Combine(Bicep.RepositoryRoot, "infra", "hooks", hook)) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = dir + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["STUB_DIR"] = dir;
            start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-sqihub";
            start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-sqihub";
            start.Environment["AZURE_RESOURCE_GROUP"] = "rg-sqihub";
            start.Environment["HUB_AZ_ATTEMPTS"] = "3";
            start.Environment["HUB_AZ_RETRY_SECONDS"] = "0";
            foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
            using var p = Process.Start(start)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), $"{hook} did not finish");
            var calls = File.Exists(Path.Combine(dir, "calls")) ? File.ReadAllLines(Path.Combine(dir, "calls")) : [];
            return new Run(p.ExitCode, output.Result, errors.Result, calls);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void Secrets(string dir, params string[] names)
    {
        foreach (var n in names) File.WriteAllText(Path.Combine(dir, "secret-" + n), "");
    }

    [Fact]
    public void An_existing_hashing_key_is_kept_and_never_written()
    {
        var run = RunHook("postprovision.sh", d => Secrets(d, "personal-data-hash-key", "webhook-signing-secret", "portal-api-key", "population-api-key", "business-api-key"));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("personal-data-hash-key: present (kept)", run.Output);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set") || c.StartsWith("keyvault secret recover"));
        Assert.Contains(run.Calls, c => c.StartsWith("functionapp restart"));
    }

    [Fact]
    public void A_refusal_while_the_role_propagates_is_retried_and_only_a_definite_not_found_creates_the_key()
    {
        var run = RunHook("postprovision.sh", d => File.WriteAllText(Path.Combine(d, "forbidden"), "2"));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("retrying", run.Errors);
        Assert.Single(run.Calls, c => c.StartsWith("keyvault secret set") && c.Contains("--name personal-data-hash-key"));
        Assert.Contains("personal-data-hash-key: created", run.Output);
        // The source keys are named with the command that sets them; the app is restarted regardless.
        Assert.Contains("WARNING: portal-api-key is missing; set it with: az keyvault secret set --vault-name kv-sqihub --name portal-api-key", run.Output);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set") && c.Contains("api-key"));
        Assert.Contains(run.Calls, c => c.StartsWith("functionapp restart"));
    }

    [Fact]
    public void A_soft_deleted_hashing_key_is_recovered_not_replaced()
    {
        var run = RunHook("postprovision.sh", d => File.WriteAllText(Path.Combine(d, "deleted-personal-data-hash-key"), ""));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains(run.Calls, c => c.StartsWith("keyvault secret recover") && c.Contains("personal-data-hash-key"));
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set") && c.Contains("personal-data-hash-key"));
    }

    [Theory]
    [InlineData("broken", "reading secret personal-data-hash-key from kv-sqihub failed: ERROR: (BadParameter)")]
    [InlineData("forbidden", "still failing after 3 attempts: ERROR: (Forbidden)")]
    [InlineData("nologin", "the Azure CLI is not signed in (azd auth login does not sign in az): run 'az login'")]
    public void Any_other_failure_stops_the_hook_with_one_clear_line_and_writes_nothing(string failure, string line)
    {
        var run = RunHook("postprovision.sh", d => File.WriteAllText(Path.Combine(d, failure), failure == "forbidden" ? "99" : ""));
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.ErrorLinesOtherThanRetries);
        Assert.StartsWith("postprovision: ", error);
        Assert.Contains(line, error);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set") || c.StartsWith("functionapp restart"));
    }

    [Theory]
    [InlineData("", "AUTH_CLIENT_ID is not set")]
    [InlineData("00000000-0000-0000-0000-000000000000", "AUTH_CLIENT_ID is the all-zero placeholder")]
    [InlineData("my-app", "is not a client id (a GUID)")]
    public void Preprovision_refuses_a_missing_or_placeholder_app_registration_in_one_line(string clientId, string line)
    {
        var run = RunHook("preprovision.sh", _ => { }, new Dictionary<string, string> { ["AUTH_CLIENT_ID"] = clientId });
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(line, Assert.Single(run.ErrorLinesOtherThanRetries));
        var ok = RunHook("preprovision.sh", _ => { }, new Dictionary<string, string> { ["AUTH_CLIENT_ID"] = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890" });
        Assert.True(ok.ExitCode == 0, ok.Errors);
    }

    [Fact]
    public void Azd_runs_both_hooks()
    {
        var azure = File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, "azure.yaml"));
        Assert.Contains("run: infra/hooks/preprovision.sh", azure);
        Assert.Contains("run: infra/hooks/postprovision.sh", azure);
        foreach (var hook in new[] { "preprovision.sh", "postprovision.sh" })
            Assert.True(File.GetUnixFileMode(Path.Combine(Bicep.RepositoryRoot, "infra", "hooks", hook)).HasFlag(UnixFileMode.UserExecute), $"{hook} must be executable");
    }
}
