namespace EcsLocal.WebConsole;

/// <summary>The page links under a list: the current page, the page count and the URL of any page by number.</summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> UrlOf)
{
    /// <summary>Returns the number of pages that <paramref name="totalCount"/> items fill, where an empty list has one page.</summary>
    public static int CountPages(int totalCount, int pageSize) => Math.Max(1, (totalCount + pageSize - 1) / pageSize);
}
