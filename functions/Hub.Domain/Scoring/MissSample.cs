namespace Hub.Domain.Scoring;

/// <summary>A bounded, order-independent sample of record ids: the smallest ids (ordinal) seen.
/// Keeps explanations small and identical whatever order the records arrive in.</summary>
public sealed class MissSample(int capacity)
{
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public void Add(string id)
    {
        if (Capacity <= 0) return;
        if (_ids.Count == Capacity)
        {
            if (StringComparer.Ordinal.Compare(id, _ids.Max) >= 0) return;
            if (!_ids.Add(id)) return;
            _ids.Remove(_ids.Max!);
            return;
        }
        _ids.Add(id);
    }

    public void AddRange(IEnumerable<string> ids)
    {
        foreach (var id in ids) Add(id);
    }

    public IReadOnlyList<string> ToList() => [.. _ids];
}
