using EcsLocal.Application.Kms;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS actions with asymmetric keys: public key, signatures and RSA encryption.</summary>
public sealed class AsymmetricHandlers(AsymmetricKeyService service)
{
    private const int MaxDataLength = 8192;

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(GetPublicKey), GetPublicKey, SupportLevel.Supported, "PEM SubjectPublicKeyInfo of RSA and EC keys.")
        .Add(ApiProduct.Kms, nameof(AsymmetricSign), AsymmetricSign, SupportLevel.Partial,
            "RSA_PSS_SHA_256 and RSA_PKCS1_SHA_256 with RSA keys, ECDSA_SHA_256 with EC_P256 and EC_P256K keys; EC_SM2 is not supported.")
        .Add(ApiProduct.Kms, nameof(AsymmetricVerify), AsymmetricVerify, SupportLevel.Partial, "The same algorithms as AsymmetricSign.")
        .Add(ApiProduct.Kms, nameof(AsymmetricEncrypt), AsymmetricEncrypt, SupportLevel.Partial, "RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256 with RSA keys.")
        .Add(ApiProduct.Kms, nameof(AsymmetricDecrypt), AsymmetricDecrypt, SupportLevel.Partial, "The same algorithms as AsymmetricEncrypt.");

    public async Task<ActionResult> GetPublicKey(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await service.GetPublicKeyAsync(context.Caller, context.EndpointRegionId, keyId.Value, VersionId(context.Parameters), cancellationToken);
        return result.ToResponse(value => new { PublicKey = System.Text.Encoding.ASCII.GetString(value.Value), value.KeyId, value.KeyVersionId });
    }

    public async Task<ActionResult> AsymmetricSign(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadInput(context.Parameters, AsymmetricKeyService.SignAlgorithms, "Digest");
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var (keyId, algorithm, digest) = input.Value;
        var result = await service.SignAsync(context.Caller, context.EndpointRegionId, keyId, VersionId(context.Parameters), algorithm, digest, cancellationToken);
        return result.ToResponse(value => new { Value = Convert.ToBase64String(value.Value), value.KeyId, value.KeyVersionId });
    }

    public async Task<ActionResult> AsymmetricVerify(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadInput(context.Parameters, AsymmetricKeyService.SignAlgorithms, "Digest");
        var signature = Base64(context.Parameters, "Value");
        var failure = input.Error ?? signature.Error;
        if (failure is not null)
        {
            return failure;
        }

        var (keyId, algorithm, digest) = input.Value;
        var result = await service.VerifyAsync(context.Caller, context.EndpointRegionId, keyId, VersionId(context.Parameters), algorithm, digest,
            signature.Value, cancellationToken);
        return result.ToResponse(value => new { Value = value.Value[0] == 1, value.KeyId, value.KeyVersionId });
    }

    public async Task<ActionResult> AsymmetricEncrypt(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadInput(context.Parameters, AsymmetricKeyService.EncryptAlgorithms, "Plaintext");
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var (keyId, algorithm, plaintext) = input.Value;
        var result = await service.EncryptAsync(context.Caller, context.EndpointRegionId, keyId, VersionId(context.Parameters), algorithm, plaintext,
            cancellationToken);
        return result.ToResponse(value => new { CiphertextBlob = Convert.ToBase64String(value.Value), value.KeyId, value.KeyVersionId });
    }

    public async Task<ActionResult> AsymmetricDecrypt(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadInput(context.Parameters, AsymmetricKeyService.EncryptAlgorithms, "CiphertextBlob");
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var (keyId, algorithm, ciphertext) = input.Value;
        var result = await service.DecryptAsync(context.Caller, context.EndpointRegionId, keyId, VersionId(context.Parameters), algorithm, ciphertext,
            cancellationToken);
        return result.ToResponse(value => new { Plaintext = Convert.ToBase64String(value.Value), value.KeyId, value.KeyVersionId });
    }

    private static Result<(string KeyId, string Algorithm, byte[] Data)> ReadInput(RequestParameters parameters, IReadOnlyList<string> algorithms, string dataName)
    {
        var keyId = parameters.KeyId();
        var algorithm = parameters.Required("Algorithm", 64);
        var data = Base64(parameters, dataName);
        var failure = keyId.Error ?? algorithm.Error ?? data.Error;
        if (failure is not null)
        {
            return failure;
        }

        return algorithms.Contains(algorithm.Value) ? (keyId.Value, algorithm.Value, data.Value) : ErrorCatalog.InvalidParameter.Format("Algorithm");
    }

    private static Result<byte[]> Base64(RequestParameters parameters, string name)
    {
        var value = parameters.Required(name, MaxDataLength);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        var buffer = new byte[value.Value.Length];
        return Convert.TryFromBase64String(value.Value, buffer, out var length) ? buffer[..length] : ErrorCatalog.InvalidParameter.Format(name);
    }

    private static string? VersionId(RequestParameters parameters) => parameters["KeyVersionId"] is { Length: > 0 } version ? version : null;
}
