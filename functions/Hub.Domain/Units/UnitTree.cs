namespace Hub.Domain.Units;

/// <summary>The unit hierarchy, validated: unique codes, known parents, no cycles.
/// Units may be given in any order (parents after children is fine). A partial capture of the portal's tree (agency rows
/// without their province's row, a sample of communes) is built with <c>absentParentsAreRoots</c>: a unit whose parent
/// is not in it becomes a root of the capture, keeps the parent it names, and is listed in <see cref="AbsentParents"/>.</summary>
public sealed class UnitTree
{
    private readonly Dictionary<string, Unit> _units;
    private readonly Dictionary<string, List<string>> _children;

    private UnitTree(Dictionary<string, Unit> units, Dictionary<string, List<string>> children, IReadOnlyList<string> roots, IReadOnlyList<string> bottomUp,
        IReadOnlyDictionary<string, string> absentParents)
    {
        _units = units;
        _children = children;
        Roots = roots;
        BottomUp = bottomUp;
        AbsentParents = absentParents;
    }

    /// <summary>Units that name a parent the tree does not hold (unit code → the parent it names), treated as roots.
    /// Empty unless the tree was built from a partial capture.</summary>
    public IReadOnlyDictionary<string, string> AbsentParents { get; }

    /// <summary>Unit codes ordered so that every unit comes after all of its descendants.</summary>
    public IReadOnlyList<string> BottomUp { get; }

    public IReadOnlyList<string> Roots { get; }

    public int Count => _units.Count;

    public IEnumerable<Unit> Units => _units.Values.OrderBy(u => u.Code, StringComparer.Ordinal);

    public bool Contains(string code) => _units.ContainsKey(code);

    public Unit this[string code] => _units.TryGetValue(code, out var unit) ? unit : throw new DomainException($"Unknown unit '{code}'.");

    public IReadOnlyList<string> ChildrenOf(string code) => _children.TryGetValue(code, out var c) ? c : [];

    /// <summary>The unit and all its descendants, the unit first.</summary>
    public IReadOnlyList<string> Subtree(string code)
    {
        var result = new List<string>();
        var pending = new Stack<string>([code]);
        while (pending.TryPop(out var next))
        {
            result.Add(next);
            foreach (var child in ChildrenOf(next).Reverse()) pending.Push(child);
        }
        return result;
    }

    public static UnitTree Build(IEnumerable<Unit> units, bool absentParentsAreRoots = false)
    {
        var byCode = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (string.IsNullOrWhiteSpace(unit.Code)) throw new DomainException("A unit has an empty code.");
            if (!byCode.TryAdd(unit.Code, unit)) throw new DomainException($"Unit '{unit.Code}' appears more than once.");
        }

        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var roots = new List<string>();
        var absent = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in byCode.Values)
        {
            if (string.IsNullOrEmpty(unit.ParentCode)) { roots.Add(unit.Code); continue; }
            if (!byCode.ContainsKey(unit.ParentCode))
            {
                if (!absentParentsAreRoots) throw new DomainException($"Unit '{unit.Code}' names parent '{unit.ParentCode}', which is not a known unit.");
                absent[unit.Code] = unit.ParentCode;
                roots.Add(unit.Code);
                continue;
            }
            if (unit.ParentCode == unit.Code) throw new DomainException($"Unit '{unit.Code}' is its own parent.");
            (children.TryGetValue(unit.ParentCode, out var list) ? list : children[unit.ParentCode] = []).Add(unit.Code);
        }
        foreach (var list in children.Values) list.Sort(StringComparer.Ordinal);
        roots.Sort(StringComparer.Ordinal);

        // Post-order walk from the roots; any unit not reached sits on a cycle.
        var bottomUp = new List<string>(byCode.Count);
        var stack = new Stack<(string Code, bool Expanded)>();
        foreach (var root in roots.AsEnumerable().Reverse()) stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (code, expanded) = stack.Pop();
            if (expanded) { bottomUp.Add(code); continue; }
            stack.Push((code, true));
            if (children.TryGetValue(code, out var kids))
                for (var i = kids.Count - 1; i >= 0; i--) stack.Push((kids[i], false));
        }
        if (bottomUp.Count != byCode.Count)
        {
            var reached = bottomUp.ToHashSet(StringComparer.Ordinal);
            var onCycle = byCode.Keys.Where(c => !reached.Contains(c)).Order(StringComparer.Ordinal).Take(10);
            throw new DomainException($"The unit hierarchy has a cycle through: {string.Join(", ", onCycle)}.");
        }
        return new UnitTree(byCode, children, roots, bottomUp, absent);
    }
}
