using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Routing;
using Microsoft.AspNetCore.Http;

namespace EcsLocal.Protocol.Pipeline;

/// <summary>Writes success and error bodies in the JSON shapes the SDKs parse.</summary>
public static class ResponseWriter
{
    public const string ContentType = "application/json;charset=utf-8";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // The output is read by API clients, never embedded in HTML, so non-ASCII names stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes HTTP 200 with <c>RequestId</c> followed by the properties of <paramref name="body"/>, a JSON object.</summary>
    public static async Task WriteSuccessAsync(HttpResponse response, string requestId, object body, CancellationToken cancellationToken)
    {
        // The body is serialized once; RequestId is spliced in after its opening brace.
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), s_options);
        var prefix = System.Text.Encoding.UTF8.GetBytes($"{{\"RequestId\":\"{requestId}\"{(json.Length > 2 ? "," : "")}");
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = prefix.Length + json.Length - 1;
        await response.Body.WriteAsync(prefix, cancellationToken);
        await response.Body.WriteAsync(json.AsMemory(1), cancellationToken);
    }

    /// <summary>Writes the error's HTTP status and <c>{"RequestId","HostId","Code","Message","Recommend"}</c>.</summary>
    public static async Task WriteErrorAsync(
        HttpResponse response, string requestId, ApiProduct? product, string regionId, ServiceError error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.HttpStatus;
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.Body, s_writerOptions);
        writer.WriteStartObject();
        writer.WriteString("RequestId", requestId);
        writer.WriteString("HostId", string.Format(CultureInfo.InvariantCulture, (product ?? ApiProduct.Ecs).HostIdFormat, regionId));
        writer.WriteString("Code", error.Code);
        writer.WriteString("Message", error.Message);
        writer.WriteString("Recommend", RecommendUrl(product, error, requestId));
        if (product?.ErrorBodyHasHttpStatus == true)
        {
            writer.WriteNumber("HttpStatus", error.HttpStatus);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    private static string RecommendUrl(ApiProduct? product, ServiceError error, string requestId) =>
        $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(error.Code)}&product={(product ?? ApiProduct.Ecs).Name}&requestId={requestId}";
}
