namespace Lemma;

/// <summary>
/// Lists kept in ordinal order of their paths (content files, pages, outputs), so that a rebuild can find an entry
/// by halving rather than by hashing every path.
/// </summary>
public static class PathOrder
{
    /// <summary>Where the item at <paramref name="path"/> is in <paramref name="sorted"/>, or -1.</summary>
    public static int IndexOf<T>(IReadOnlyList<T> sorted, string path, Func<T, string> pathOf)
    {
        var (low, high) = (0, sorted.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var order = string.CompareOrdinal(pathOf(sorted[middle]), path);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return -1;
    }

    /// <summary>Sorts <paramref name="items"/> by path, unless they already are (the usual case, checked in one pass).</summary>
    public static void Sort<T>(T[] items, Func<T, string> pathOf)
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (string.CompareOrdinal(pathOf(items[i - 1]), pathOf(items[i])) <= 0) continue;
            Array.Sort(items, (a, b) => string.CompareOrdinal(pathOf(a), pathOf(b)));
            return;
        }
    }
}
