using System.Diagnostics;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;
using EcsLocal.Protocol.Signatures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EcsLocal.Protocol.Pipeline;

/// <summary>Settings of the RPC endpoint.</summary>
public sealed class RpcEndpointOptions
{
    /// <summary>The region of KMS requests whose Host does not name one.</summary>
    public string DefaultRegionId { get; set; } = "cn-hangzhou";

    /// <summary>The slowest request body accepted, in bytes per second (Kestrel's own default); slower bodies get HTTP 408.</summary>
    public double MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>The largest request body accepted, in bytes; larger bodies get HTTP 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Serves the Alibaba Cloud RPC protocol on any path: reads the parameters, routes on (version, Action),
/// authenticates, runs the handler and writes the JSON response. Unexpected exceptions end here as InternalError.
/// </summary>
public sealed class RpcEndpoint(
    ApiRegistry registry,
    RequestAuthenticator authenticator,
    IRequestAuthorizer authorizer,
    RpcEndpointOptions options,
    ILogger<RpcEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var stopwatch = Stopwatch.StartNew();
        var cancellationToken = http.RequestAborted;
        var version = http.Request.Headers["x-acs-version"].FirstOrDefault() ?? "";
        var product = registry.FindProduct(version);
        var requestId = (product ?? ApiProduct.Ecs).NewRequestId();
        var region = EndpointRegion.FromHost(http.Request.Host.Value, options.DefaultRegionId);
        var action = "";
        var accountId = "";
        var userName = "";
        ServiceError? error;
        try
        {
            var request = await ReadRequestAsync(http, cancellationToken);
            if (!request.IsSuccess)
            {
                error = request.Error;
            }
            else
            {
                var parameters = request.Value.Parameters;
                version = http.Request.Headers["x-acs-version"].FirstOrDefault() ?? parameters["Version"] ?? "";
                action = http.Request.Headers["x-acs-action"].FirstOrDefault() ?? parameters["Action"] ?? "";
                product = registry.FindProduct(version);
                requestId = (product ?? ApiProduct.Ecs).NewRequestId();
                error = await DispatchAsync(http, request.Value, version, action, requestId, region, caller =>
                {
                    accountId = caller.AccountId;
                    userName = caller.UserName ?? "";
                }, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            error = ErrorCatalog.RequestBodyTooLarge.Format(options.MaxBodyBytes);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel ends the connection after this response; the request was never read, so nothing changed.
            error = ErrorCatalog.RequestBodyTimeout.Format(options.MinBodyBytesPerSecond);
        }
        catch (Exception exception)
        {
            RpcLog.UnhandledException(logger, exception, version, action, requestId);
            error = ErrorCatalog.InternalError;
        }

        if (error is not null && !http.Response.HasStarted)
        {
            http.Response.Clear();
            await ResponseWriter.WriteErrorAsync(http.Response, requestId, product, region, error, cancellationToken);
        }

        RpcLog.RequestCompleted(logger, Dash(version), Dash(action), Dash(accountId), Dash(userName), http.Response.StatusCode, error?.Code ?? "OK",
            stopwatch.ElapsedMilliseconds, requestId);
    }

    /// <summary>Writes "-" for a value the request did not carry, so log lines keep their fields in place.</summary>
    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    private async Task<ServiceError?> DispatchAsync(
        HttpContext http, SignedRequest request, string version, string action, string requestId, string region,
        Action<Caller> onAuthenticated, CancellationToken cancellationToken)
    {
        if (action.Length == 0)
        {
            return ErrorCatalog.MissingAction;
        }

        var product = registry.FindProduct(version);
        if (product is null)
        {
            return ErrorCatalog.InvalidVersion;
        }

        var operation = registry.Find(version, action);
        if (operation is null)
        {
            return ErrorCatalog.InvalidActionNotFound;
        }

        var caller = await authenticator.AuthenticateAsync(request, cancellationToken);
        if (!caller.IsSuccess)
        {
            return caller.Error;
        }

        onAuthenticated(caller.Value);
        var context = new ActionContext(operation, request.Parameters, caller.Value, requestId, region,
            http.Connection.RemoteIpAddress?.ToString() ?? "");
        if (caller.Value.IsRamUser && await authorizer.AuthorizeAsync(context, cancellationToken) is { } denied)
        {
            RpcLog.AccessDenied(logger, version, action, caller.Value.AccountId, caller.Value.UserName!, requestId);
            return denied;
        }
        var result = await operation.Handler(context, cancellationToken);
        if (result.Error is not null)
        {
            return result.Error;
        }

        await ResponseWriter.WriteSuccessAsync(http.Response, requestId, result.Body ?? new { }, cancellationToken);
        return null;
    }

    private async Task<Domain.Result<SignedRequest>> ReadRequestAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var method = http.Request.Method;
        if (method is not ("GET" or "POST"))
        {
            return ErrorCatalog.UnsupportedHttpMethod;
        }

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();

        var query = RequestParameters.ParseUrlEncoded(http.Request.QueryString.Value);
        var isForm = http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var form = isForm ? RequestParameters.ParseUrlEncoded(System.Text.Encoding.UTF8.GetString(body)) : [];
        if (query.Count + form.Count > RequestParameters.MaxCount)
        {
            return ErrorCatalog.TooManyParameters.Format(RequestParameters.MaxCount);
        }

        var headers = http.Request.Headers.ToDictionary(
            header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal);
        return new SignedRequest(method, http.Request.Path.HasValue ? http.Request.Path.Value! : "/", new RequestParameters(query, form), headers, body);
    }
}
