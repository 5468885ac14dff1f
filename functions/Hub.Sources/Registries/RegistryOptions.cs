namespace Hub.Sources.Registries;

/// <summary>Settings of the national population database's sharing log (section Sources:Population).</summary>
public sealed class PopulationOptions : FeedOptions
{
    public const string Section = "Sources:Population";
}

/// <summary>Settings of the national business registration database's sharing log (section Sources:Business).</summary>
public sealed class BusinessOptions : FeedOptions
{
    public const string Section = "Sources:Business";
}
