using EcsLocal.Application.Kms;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS cryptographic actions with symmetric keys.</summary>
public sealed class CryptoHandlers(KmsCryptoService service)
{
    private const int MaxBlobLength = 16_384;
    private const int MaxDataKeyBytes = 1024;

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(Encrypt), Encrypt, SupportLevel.Partial,
            "AES-GCM under the key's current version, with EncryptionContext as associated data; symmetric keys only. Recipient is not supported.")
        .Add(ApiProduct.Kms, nameof(Decrypt), Decrypt, SupportLevel.Partial, "The ciphertext names its key and version; a wrong EncryptionContext fails.")
        .Add(ApiProduct.Kms, nameof(GenerateDataKey), GenerateDataKey, SupportLevel.Partial, "KeySpec AES_256 or AES_128, or NumberOfBytes 1 to 1024.")
        .Add(ApiProduct.Kms, nameof(GenerateDataKeyWithoutPlaintext), GenerateDataKeyWithoutPlaintext)
        .Add(ApiProduct.Kms, nameof(ReEncrypt), ReEncrypt, SupportLevel.Partial,
            "CiphertextBlob, DestinationKeyId, SourceEncryptionContext and DestinationEncryptionContext; symmetric sources only.");

    public async Task<ActionResult> Encrypt(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var plaintext = Base64(context.Parameters, "Plaintext", KmsCryptoService.MaxPlaintextBytes);
        var encryptionContext = Context(context.Parameters, "EncryptionContext");
        var failure = keyId.Error ?? plaintext.Error ?? encryptionContext.Error ?? DryRun(context.Parameters);
        if (failure is not null)
        {
            return failure;
        }

        var sealedData = await service.EncryptAsync(context.Caller, context.EndpointRegionId, keyId.Value, plaintext.Value, encryptionContext.Value,
            cancellationToken);
        return sealedData.ToResponse(data => new { data.CiphertextBlob, data.KeyId, data.KeyVersionId });
    }

    public async Task<ActionResult> Decrypt(ActionContext context, CancellationToken cancellationToken)
    {
        var blob = context.Parameters.Required("CiphertextBlob", MaxBlobLength);
        var encryptionContext = Context(context.Parameters, "EncryptionContext");
        var failure = blob.Error ?? encryptionContext.Error ?? DryRun(context.Parameters);
        if (failure is not null)
        {
            return failure;
        }

        var opened = await service.DecryptAsync(context.Caller, context.EndpointRegionId, blob.Value, encryptionContext.Value, cancellationToken);
        return opened.ToResponse(data => new { Plaintext = Convert.ToBase64String(data.Plaintext), data.KeyId, data.KeyVersionId });
    }

    public Task<ActionResult> GenerateDataKey(ActionContext context, CancellationToken cancellationToken) =>
        GenerateAsync(context, returnPlaintext: true, cancellationToken);

    public Task<ActionResult> GenerateDataKeyWithoutPlaintext(ActionContext context, CancellationToken cancellationToken) =>
        GenerateAsync(context, returnPlaintext: false, cancellationToken);

    public async Task<ActionResult> ReEncrypt(ActionContext context, CancellationToken cancellationToken)
    {
        var blob = context.Parameters.Required("CiphertextBlob", MaxBlobLength);
        var destination = context.Parameters.KeyId("DestinationKeyId");
        var sourceContext = Context(context.Parameters, "SourceEncryptionContext");
        var destinationContext = Context(context.Parameters, "DestinationEncryptionContext");
        var failure = blob.Error ?? destination.Error ?? sourceContext.Error ?? destinationContext.Error ?? DryRun(context.Parameters);
        if (failure is not null)
        {
            return failure;
        }

        var sealedData = await service.ReEncryptAsync(context.Caller, context.EndpointRegionId, blob.Value, sourceContext.Value, destination.Value,
            destinationContext.Value, cancellationToken);
        return sealedData.ToResponse(data => new { data.CiphertextBlob, data.KeyId, data.KeyVersionId });
    }

    private async Task<ActionResult> GenerateAsync(ActionContext context, bool returnPlaintext, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var bytes = context.Parameters.OptionalInt32("NumberOfBytes", 1, MaxDataKeyBytes);
        var encryptionContext = Context(context.Parameters, "EncryptionContext");
        var keySpec = context.Parameters["KeySpec"] is { Length: > 0 } spec ? spec : "AES_256";
        var failure = keyId.Error ?? bytes.Error ?? encryptionContext.Error ?? DryRun(context.Parameters) ??
            (keySpec is "AES_256" or "AES_128" ? null : ErrorCatalog.InvalidParameter.Format("KeySpec"));
        if (failure is not null)
        {
            return failure;
        }

        var length = bytes.Value ?? (keySpec == "AES_128" ? 16 : 32);
        var sealedData = await service.GenerateDataKeyAsync(context.Caller, context.EndpointRegionId, keyId.Value, length, encryptionContext.Value,
            returnPlaintext, cancellationToken);
        return returnPlaintext
            ? sealedData.ToResponse(data => new { data.CiphertextBlob, Plaintext = Convert.ToBase64String(data.Plaintext!), data.KeyId, data.KeyVersionId })
            : sealedData.ToResponse(data => new { data.CiphertextBlob, data.KeyId, data.KeyVersionId });
    }

    private static Result<byte[]> Base64(RequestParameters parameters, string name, int maxBytes)
    {
        var value = parameters.Required(name, maxBytes * 2);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        var buffer = new byte[value.Value.Length];
        return Convert.TryFromBase64String(value.Value, buffer, out var length) && length <= maxBytes
            ? buffer[..length]
            : ErrorCatalog.InvalidParameter.Format(name);
    }

    private static Result<byte[]> Context(RequestParameters parameters, string name)
    {
        var json = parameters.OptionalJson(name, 8192);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var canonical = KmsCryptoService.CanonicalContext(json.Value);
        return canonical is null ? ErrorCatalog.InvalidParameter.Format(name) : canonical;
    }

    /// <summary>Rejects a dry run after validation; KMS sends DryRun as the string "true".</summary>
    private static ServiceError? DryRun(RequestParameters parameters) =>
        string.Equals(parameters["DryRun"], "true", StringComparison.OrdinalIgnoreCase) ? ErrorCatalog.DryRunOperation : null;
}
