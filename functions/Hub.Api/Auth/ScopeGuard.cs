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
    public async Task<IResult?> CheckAsync(Caller caller, string? unit, CancellationToken ct) =>
        (await AuthorizeAsync(caller, unit, unitRequired: true, ct)).Refused;

    /// <summary>The caller's scope, read once: the root units they may see (null for an administrator: everything), and,
    /// when a unit is required (a unit route), the refusal when it is missing or outside the scope.</summary>
    public async Task<(IResult? Refused, IReadOnlyList<string>? Roots)> AuthorizeAsync(Caller caller, string? unit, bool unitRequired, CancellationToken ct)
    {
        if (caller.IsAdministrator) return (null, null);
        var roots = (await scopes.GetAsync(caller.Name, ct))?.Units ?? [];
        if (!unitRequired) return (null, roots);
        if (roots.Count == 0)
            return (Answer.Problem(403, "Forbidden", $"'{caller.Name}' is a unit viewer with no units yet: an administrator grants them (PUT /api/scopes/{{principal}})."), roots);
        var named = string.Join(", ", roots);
        if (unit is null)
            return (Answer.Problem(403, "Forbidden", $"A unit viewer sees only the units of their scope ({named} and the units below): name one with ?unit=."), roots);
        var tree = await units.LoadTreeAsync(ct);
        var allowed = roots.Where(tree.Contains).Any(root => tree.Subtree(root).Contains(unit, StringComparer.Ordinal));
        return (allowed ? null : Answer.Problem(403, "Forbidden", $"That unit is outside the scope of '{caller.Name}' ({named} and the units below)."), roots);
    }
}
