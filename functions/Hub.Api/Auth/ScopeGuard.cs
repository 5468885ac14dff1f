using Hub.Api.Routes;
using Hub.Storage.Access;
using Hub.Storage.Evidence;
using Microsoft.AspNetCore.Http;

namespace Hub.Api.Auth;

/// <summary>What a unit viewer may see: the units named in their scope (ViewerScopes, kept by administrators) and
/// everything below them. A unit route answers a viewer only for a unit of that set; anything else is a 403 that says
/// what the scope is, never whether the other unit exists.</summary>
public sealed class ScopeGuard(ViewerScopeRepository scopes, UnitRepository units)
{
    public async Task<IResult?> CheckAsync(Caller caller, string? unit, CancellationToken ct)
    {
        if (caller.IsAdministrator) return null;
        var scope = await scopes.GetAsync(caller.Name, ct);
        if (scope is null || scope.Units.Count == 0)
            return Answer.Problem(403, "Forbidden", $"'{caller.Name}' is a unit viewer with no units yet: an administrator grants them (PUT /api/scopes/{{principal}}).");
        var named = string.Join(", ", scope.Units);
        if (unit is null)
            return Answer.Problem(403, "Forbidden", $"A unit viewer sees only the units of their scope ({named} and the units below): name one with ?unit=.");
        var tree = await units.LoadTreeAsync(ct);
        var allowed = scope.Units.Where(tree.Contains).Any(root => tree.Subtree(root).Contains(unit, StringComparer.Ordinal));
        return allowed ? null : Answer.Problem(403, "Forbidden", $"That unit is outside the scope of '{caller.Name}' ({named} and the units below).");
    }

    /// <summary>The root units of a viewer's scope (empty for none); null for an administrator (everything).</summary>
    public async Task<IReadOnlyList<string>?> RootsAsync(Caller caller, CancellationToken ct) =>
        caller.IsAdministrator ? null : (await scopes.GetAsync(caller.Name, ct))?.Units ?? [];
}
