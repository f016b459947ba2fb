namespace EcsLocal.Protocol.Routing;

public static class EndpointRegion
{
    /// <summary>
    /// Reads the region from a Host of the form <c>kms.&lt;region&gt;.&lt;anything&gt;</c> or
    /// <c>kms-vpc.&lt;region&gt;.&lt;anything&gt;</c>, with or without a port; returns <paramref name="defaultRegionId"/> otherwise.
    /// </summary>
    public static string FromHost(string? host, string defaultRegionId)
    {
        if (string.IsNullOrEmpty(host))
        {
            return defaultRegionId;
        }

        var name = host.Split(':')[0];
        var labels = name.Split('.');
        return labels.Length >= 3 && labels[0] is "kms" or "kms-vpc" && labels[1].Length > 0 ? labels[1] : defaultRegionId;
    }
}
