namespace Hub.Storage.Publications;

/// <summary>"Index published" event: what subscribers (portals, dashboards) need to fetch the new version.</summary>
public sealed record IndexPublished(string Period, int Version, string Methodology, string ContentHash, string Folder, DateTimeOffset PublishedAt);

/// <summary>The messaging transport for index events: a Service Bus topic in Azure, a storage queue locally.</summary>
public interface IIndexPublishedEvents
{
    Task SendAsync(IndexPublished message, CancellationToken ct);
}
