using System.Diagnostics;
using System.Text.Json;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Pipeline;
using EcsLocal.Protocol.Routing;
using EcsLocal.Protocol.Signatures;
using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole.Actions;

/// <summary>The outcome of one console action: the API's success body as JSON, or the API's error.</summary>
public sealed record ApiOutcome(JsonElement Body, ServiceError? Error, string RequestId)
{
    public bool IsSuccess => Error is null;
}

/// <summary>
/// Runs console actions through the same registry handlers and the same RAM authorization as signed API requests,
/// so the console can do exactly what the API allows its caller and returns the API's own errors.
/// </summary>
public sealed class ConsoleActions(ApiRegistry registry, IRequestAuthorizer authorizer, ILogger<ConsoleActions> logger)
{
    // The same settings as the API's response writer, so the console reads the wire names the SDKs read.
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Runs an ECS action; the region of the request is its RegionId parameter.</summary>
    public Task<ApiOutcome> EcsAsync(
        Caller caller, string action, IEnumerable<(string Name, string? Value)> parameters, string sourceIp, CancellationToken cancellationToken) =>
        RunAsync(caller, ApiProduct.Ecs, action, parameters, "", sourceIp, cancellationToken);

    /// <summary>Runs a KMS action in <paramref name="regionId"/>, as a request to that region's KMS endpoint would.</summary>
    public Task<ApiOutcome> KmsAsync(
        Caller caller, string regionId, string action, IEnumerable<(string Name, string? Value)> parameters, string sourceIp,
        CancellationToken cancellationToken) =>
        RunAsync(caller, ApiProduct.Kms, action, parameters, regionId, sourceIp, cancellationToken);

    private async Task<ApiOutcome> RunAsync(
        Caller caller, ApiProduct product, string action, IEnumerable<(string Name, string? Value)> parameters, string endpointRegionId,
        string sourceIp, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var operation = registry.Find(product.Version, action)
            ?? throw new InvalidOperationException($"The console calls {product.Name} {action}, which the registry does not serve.");
        var requestId = product.NewRequestId();
        var query = parameters.Where(parameter => parameter.Value is not null)
            .Select(parameter => new KeyValuePair<string, string>(parameter.Name, parameter.Value!)).ToList();
        var context = new ActionContext(operation, new RequestParameters(query, []), caller, requestId, endpointRegionId, sourceIp);

        var outcome = await AuthorizeAndRunAsync(context, cancellationToken);
        var isRead = action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal);
        var level = outcome.IsSuccess && isRead ? LogLevel.Debug : LogLevel.Information;
        ConsoleLog.ActionCompleted(logger, level, product.Version, action, caller.AccountId, caller.UserName ?? "-", outcome.Error?.Code ?? "OK",
            stopwatch.ElapsedMilliseconds, requestId);
        return outcome;
    }

    private async Task<ApiOutcome> AuthorizeAndRunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.Caller.IsRamUser && await authorizer.AuthorizeAsync(context, cancellationToken) is { } denied)
            {
                return new ApiOutcome(default, denied, context.RequestId);
            }

            var result = await context.Operation.Handler(context, cancellationToken);
            if (result.Error is not null)
            {
                return new ApiOutcome(default, result.Error, context.RequestId);
            }

            var body = result.Body ?? new { };
            return new ApiOutcome(JsonSerializer.SerializeToElement(body, body.GetType(), s_options), null, context.RequestId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ConsoleLog.UnhandledException(logger, exception, context.Operation.Product.Version, context.Operation.Action, context.RequestId);
            return new ApiOutcome(default, ErrorCatalog.InternalError, context.RequestId);
        }
    }
}
