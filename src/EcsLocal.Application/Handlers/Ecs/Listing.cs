using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>
/// The two paging styles of the Describe actions: PageNumber and PageSize (at most 100), or NextToken and
/// MaxResults (at most 500), which resumes after the last item and stays fast on deep pages.
/// </summary>
internal static class ListingParameters
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;
    public const int MaxResults = 500;

    public static Result<(int Offset, int Limit, ResourceCursor? After)> Read(RequestParameters parameters)
    {
        var pageNumber = parameters.OptionalInt32("PageNumber", 1, 1_000_000);
        var pageSize = parameters.OptionalInt32("PageSize", 1, MaxPageSize);
        var maxResults = parameters.OptionalInt32("MaxResults", 1, MaxResults);
        var nextToken = parameters.NextToken();
        var failure = pageNumber.Error ?? pageSize.Error ?? maxResults.Error ?? nextToken.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (nextToken.Value is not null || maxResults.Value is not null)
        {
            return (0, maxResults.Value ?? DefaultPageSize, nextToken.Value);
        }

        var size = pageSize.Value ?? DefaultPageSize;
        return (((pageNumber.Value ?? 1) - 1) * size, size, null);
    }
}

internal static class ListingResponses
{
    /// <summary>Runs a Describe action: checks the parsed query, rejects DryRun as the service does, then fetches one page and builds the response.</summary>
    public static async Task<ActionResult> DescribeAsync<TQuery, TItem>(
        ActionContext context, Result<TQuery> query, Func<TQuery, Task<Result<ResourcePage<TItem>>>> fetch, Func<IEnumerable<TItem>, (string Name, object Value)> list)
        where TQuery : IPagedQuery
    {
        if (!query.IsSuccess)
        {
            return query.Error;
        }

        var dryRun = context.Parameters.DryRun();
        if (!dryRun.IsSuccess)
        {
            return dryRun.Error;
        }

        if (dryRun.Value)
        {
            return ErrorCatalog.DryRunOperation;
        }

        var page = await fetch(query.Value);
        var cursorMode = query.Value.After is not null || context.Parameters["MaxResults"] is not null;
        return page.ToResponse(result => Page(query.Value.Offset, query.Value.Limit, cursorMode, result, list(result.Items)));
    }

    /// <summary>
    /// Builds a Describe response: the list object's properties, TotalCount, and the paging fields of the style used.
    /// NextToken is empty when no items follow.
    /// </summary>
    public static Dictionary<string, object?> Page<T>(int offset, int limit, bool cursorMode, ResourcePage<T> page, (string Name, object Value) list)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { [list.Name] = list.Value };
        body["TotalCount"] = page.TotalCount;
        var more = page.Items.Count == limit && page.Last is not null && (cursorMode || offset + page.Items.Count < page.TotalCount);
        body["NextToken"] = more ? EcsParameters.EncodeNextToken(page.Last!) : "";
        if (cursorMode)
        {
            body["MaxResults"] = limit;
        }
        else
        {
            body["PageNumber"] = offset / limit + 1;
            body["PageSize"] = limit;
        }

        return body;
    }
}
