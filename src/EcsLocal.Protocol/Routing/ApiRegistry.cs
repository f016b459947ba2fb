using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Protocol.Routing;

/// <summary>An Alibaba Cloud API that EcsLocal serves, identified on the wire by its version.</summary>
/// <param name="UpperCaseRequestIds">ECS returns upper-case UUID request ids, KMS lower-case ones.</param>
/// <param name="HostIdFormat">The <c>HostId</c> of error bodies; <c>{0}</c> is the region of the request.</param>
public sealed record ApiProduct(string Name, string Version, bool UpperCaseRequestIds, string HostIdFormat, bool ErrorBodyHasHttpStatus)
{
    public static readonly ApiProduct Ecs = new("Ecs", "2014-05-26", true, "ecs.aliyuncs.com", false);
    public static readonly ApiProduct Kms = new("Kms", "2016-01-20", false, "kms.{0}.aliyuncs.com", true);
    public static readonly ApiProduct Ram = new("Ram", "2015-05-01", true, "ram.aliyuncs.com", false);

    public string NewRequestId()
    {
        var id = Guid.NewGuid().ToString("D");
        return UpperCaseRequestIds ? id.ToUpperInvariant() : id;
    }
}

public enum SupportLevel
{
    Supported,
    Partial,
    NotSupported,
}

/// <summary>The authenticated request as a handler receives it.</summary>
/// <param name="EndpointRegionId">
/// The region named by the Host header (<c>kms.cn-shanghai.example:8191</c>), else the configured default region;
/// KMS actions take their region from it because they carry no RegionId.
/// </param>
/// <param name="SourceIp">The address of the client, for the acs:SourceIp condition of RAM policies.</param>
public sealed record ActionContext(
    ApiOperation Operation,
    RequestParameters Parameters,
    Caller Caller,
    string RequestId,
    string EndpointRegionId,
    string SourceIp = "");

/// <summary>A handler's outcome: a success body (serialized with its exact property names) or a catalogue error.</summary>
public sealed record ActionResult(object? Body, ServiceError? Error)
{
    public static ActionResult Ok(object body) => new(body, null);

    public static ActionResult Empty() => new(new { }, null);

    public static ActionResult Fail(ServiceError error) => new(null, error);

    public static implicit operator ActionResult(ServiceError error) => Fail(error);
}

public delegate Task<ActionResult> ActionHandler(ActionContext context, CancellationToken cancellationToken);

/// <summary>One (version, Action) pair and the handler named after it.</summary>
public sealed record ApiOperation(ApiProduct Product, string Action, ActionHandler Handler, SupportLevel Support, string Notes);

/// <summary>
/// The table from (API version, Action) to handlers. It is the single source for routing and for the
/// compatibility list in docs/api-compatibility.md.
/// </summary>
public sealed class ApiRegistry
{
    private readonly Dictionary<(string Version, string Action), ApiOperation> _operations = [];
    private readonly Dictionary<string, ApiProduct> _products = new(StringComparer.Ordinal);

    public IEnumerable<ApiOperation> Operations =>
        _operations.Values.OrderBy(operation => operation.Product.Name, StringComparer.Ordinal)
            .ThenBy(operation => operation.Action, StringComparer.Ordinal);

    public ApiRegistry Add(ApiProduct product, string action, ActionHandler handler, SupportLevel support = SupportLevel.Supported, string notes = "")
    {
        _products.TryAdd(product.Version, product);
        if (!_operations.TryAdd((product.Version, action), new ApiOperation(product, action, handler, support, notes)))
        {
            throw new InvalidOperationException($"The action {action} of version {product.Version} is registered twice.");
        }

        return this;
    }

    public ApiProduct? FindProduct(string version) => _products.GetValueOrDefault(version);

    public ApiOperation? Find(string version, string action) => _operations.GetValueOrDefault((version, action));
}
