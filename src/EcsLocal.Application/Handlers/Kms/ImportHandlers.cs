using System.Globalization;
using EcsLocal.Application.Kms;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS actions that import key material into keys created with Origin EXTERNAL (BYOK).</summary>
public sealed class ImportHandlers(KeyImportService service)
{
    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(GetParametersForImport), GetParametersForImport, SupportLevel.Partial,
            "WrappingKeySpec RSA_2048 with WrappingAlgorithm RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256; the token is valid for 24 hours.")
        .Add(ApiProduct.Kms, nameof(ImportKeyMaterial), ImportKeyMaterial, SupportLevel.Supported,
            "32 bytes of material; re-importing must bring the same material. KeyMaterialExpireUnix 0 means the material never expires.")
        .Add(ApiProduct.Kms, nameof(DeleteKeyMaterial), DeleteKeyMaterial, SupportLevel.Supported,
            "The key returns to PendingImport until the same material is imported again.");

    public async Task<ActionResult> GetParametersForImport(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var algorithm = context.Parameters.Required("WrappingAlgorithm", 64);
        var keySpec = context.Parameters.Required("WrappingKeySpec", 64);
        var failure = keyId.Error ?? algorithm.Error ?? keySpec.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (!KeyImportService.WrappingAlgorithms.Contains(algorithm.Value))
        {
            return ErrorCatalog.InvalidParameter.Format("WrappingAlgorithm");
        }

        if (keySpec.Value != KeyImportService.WrappingKeySpec)
        {
            return ErrorCatalog.InvalidParameter.Format("WrappingKeySpec");
        }

        var parameters = await service.GetParametersForImportAsync(context.Caller, context.EndpointRegionId, keyId.Value, algorithm.Value, cancellationToken);
        return parameters.ToResponse(result => new
        {
            result.KeyId,
            result.PublicKey,
            result.ImportToken,
            TokenExpireTime = WireFormat.Time(result.ExpiresAt),
        });
    }

    public async Task<ActionResult> ImportKeyMaterial(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var material = context.Parameters.Required("EncryptedKeyMaterial", 4096);
        var token = context.Parameters.Required("ImportToken", 1024);
        var expire = context.Parameters["KeyMaterialExpireUnix"] is { Length: > 0 } text ? text : "0";
        var failure = keyId.Error ?? material.Error ?? token.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (!long.TryParse(expire, NumberStyles.None, CultureInfo.InvariantCulture, out var expireUnix))
        {
            return ErrorCatalog.InvalidParameter.Format("KeyMaterialExpireUnix");
        }

        var wrapped = new byte[material.Value.Length];
        if (!Convert.TryFromBase64String(material.Value, wrapped, out var length))
        {
            return ErrorCatalog.InvalidKeyMaterial;
        }

        var result = await service.ImportKeyMaterialAsync(context.Caller, context.EndpointRegionId, keyId.Value, wrapped[..length], token.Value, expireUnix,
            cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DeleteKeyMaterial(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await service.DeleteKeyMaterialAsync(context.Caller, context.EndpointRegionId, keyId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }
}
