namespace Hub.Sources.Common;

/// <summary>A source refused or failed a request as a whole (not one bad record): the work item is retried.</summary>
public class SourceException(string source, string message, Exception? inner = null) : Exception($"{source}: {message}", inner)
{
    public string SourceName { get; } = source;
}

/// <summary>The source rejected the hub's credentials (missing, wrong or expired): retrying will not help until they are fixed.</summary>
public sealed class SourceAuthenticationException(string source, string message) : SourceException(source, message);
