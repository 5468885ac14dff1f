namespace Hub.Domain.Units;

/// <summary>An evaluated unit (Tổng cục, Cục, Chi cục, Sở Tài chính...) identified by its electronic unit code.</summary>
public sealed record Unit(string Code, string Name, string? ParentCode);
