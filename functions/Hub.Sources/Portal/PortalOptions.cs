namespace Hub.Sources.Portal;

/// <summary>Settings of the National Public Service Portal connection (section Sources:Portal).</summary>
public sealed class PortalOptions : FeedOptions
{
    public const string Section = "Sources:Portal";

    /// <summary>The portal's departmentId of the ministry (rootDepartmentId of its evaluation requests); empty: the
    /// portal answers for the unit the API key belongs to.</summary>
    public string EvaluationRootId { get; set; } = "";
}
