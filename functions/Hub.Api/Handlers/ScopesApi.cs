using System.Text.RegularExpressions;
using Hub.Api.Auth;
using Hub.Api.Routes;
using Hub.Storage.Access;
using Hub.Storage.Evidence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Hub.Api.Handlers;

/// <summary>Administrators keep the unit viewers' scopes: which units (each with its subtree) a signed-in viewer sees.</summary>
public sealed partial class ScopesApi(ViewerScopeRepository scopes, UnitRepository units, TimeProvider clock, ILogger<ScopesApi> logger)
{
    public const int MaxUnits = 50;

    public sealed record ScopeBody(List<string>? Units, string? Reason);

    public async Task<Json<IReadOnlyList<ViewerScope>>> ListAsync(CancellationToken ct) => Answer.Ok(await scopes.ListAsync(ct));

    /// <summary>PUT scopes/{principal}: the viewer's units, replacing any before, with the reason.</summary>
    public async Task<Results<Json<ViewerScope>, Problem>> SetAsync(string principal, string? body, Caller by, CancellationToken ct)
    {
        if (PrincipalProblem(principal) is { } bad) return bad;
        if (!AdminApi.TryRead<ScopeBody>(body, out var request, out var bodyError)) return bodyError!;
        if (request?.Reason is not { } reason) return Answer.BadRequest("'reason' is required: say why this viewer sees these units.");
        if (AdminApi.ReasonProblem(reason) is { } reasonProblem) return reasonProblem;
        var codes = (request.Units ?? []).Select(u => u?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count is 0 or > MaxUnits) return Answer.BadRequest($"'units' must name 1 to {MaxUnits} unit codes.");
        if (codes.FirstOrDefault(c => !UnitCodePattern().IsMatch(c)) is { } invalid) return Answer.BadRequest($"'{(invalid.Length > 40 ? invalid[..40] + "…" : invalid)}' is not a valid unit code.");
        var tree = await units.LoadTreeAsync(ct);
        var unknown = codes.Where(c => !tree.Contains(c)).ToList();
        if (unknown.Count > 0) return Answer.BadRequest($"Unknown units: {string.Join(", ", unknown)}.");
        var scope = new ViewerScope(principal.Trim().ToLowerInvariant(), codes, by.Name, reason.Trim(), clock.GetUtcNow());
        await scopes.SaveAsync(scope, ct);
        logger.LogInformation("Scope of {Principal} set to {Units} by {Admin}: {Reason}", scope.Principal, string.Join(",", codes), by.Name, scope.Reason);
        return Answer.Ok(scope);
    }

    /// <summary>DELETE scopes/{principal}: the viewer sees nothing from now on.</summary>
    public async Task<Results<Deleted, Problem>> DeleteAsync(string principal, Caller by, CancellationToken ct)
    {
        if (PrincipalProblem(principal) is { } bad) return bad;
        if (!await scopes.DeleteAsync(principal, ct)) return Answer.NotFound($"'{principal}' has no scope.");
        logger.LogInformation("Scope of {Principal} removed by {Admin}", principal.Trim().ToLowerInvariant(), by.Name);
        return new Deleted();
    }

    private static Problem? PrincipalProblem(string principal) =>
        string.IsNullOrWhiteSpace(principal) || principal.Length > 200 ? Answer.BadRequest("The principal must be 1 to 200 characters (the user name the identity provider signs in).")
        : Hub.Domain.Text.SafeText.Problem("principal", principal) is { } unsafeText ? Answer.BadRequest(unsafeText)
        : null;

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,40}$")]
    private static partial Regex UnitCodePattern();
}
