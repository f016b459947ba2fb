using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Keys;

/// <summary>
/// The Create Key form: CreateKey with the description (a symmetric Aliyun_AES_256 key, the API's default), then
/// CreateAlias when an alias name is given.
/// </summary>
public sealed class CreateKeyModel(ConsoleActions actions, ConsoleOptions options) : ConsolePageModel
{
    public Region Region { get; private set; } = null!;

    public string Description { get; private set; } = "";

    public string AliasName { get; private set; } = "";

    /// <summary>The key that CreateKey made before CreateAlias failed; null otherwise.</summary>
    public string? CreatedKeyId { get; private set; }

    public ConsoleError? Error { get; private set; }

    public void OnGet(string? region)
    {
        Region = RegionCatalog.Find(region) ?? RegionCatalog.Find(options.DefaultRegionId)!;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        Region = RegionCatalog.Find(form["RegionId"]) ?? RegionCatalog.Find(options.DefaultRegionId)!;
        Description = form["Description"].ToString();
        AliasName = form["AliasName"].ToString().Trim();

        // The alias name is checked with the API's own rule before the key exists, so that a typing error does not
        // leave a new key without its alias. CreateAlias checks it again.
        if (AliasName.Length > 0 && KeyRules.ValidateAliasName(AliasName) is { } aliasError)
        {
            return Fail(FriendlyErrors.Describe(aliasError));
        }

        var created = await actions.KmsAsync(Caller, Region.Id, "CreateKey",
            [("Description", Description.Length == 0 ? null : Description)], SourceIp, cancellationToken);
        if (!created.IsSuccess)
        {
            return Fail(FriendlyErrors.Describe(created.Error!, created.RequestId));
        }

        var keyId = created.Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        if (AliasName.Length > 0)
        {
            var aliased = await actions.KmsAsync(Caller, Region.Id, "CreateAlias", [("AliasName", AliasName), ("KeyId", keyId)], SourceIp, cancellationToken);
            if (!aliased.IsSuccess)
            {
                CreatedKeyId = keyId;
                return Fail(FriendlyErrors.Describe(aliased.Error!, aliased.RequestId));
            }
        }

        return Redirect($"{KeysModel.DetailUrl(Region.Id, keyId)}&done=created");
    }

    private IActionResult Fail(ConsoleError error)
    {
        Error = error;
        Response.StatusCode = error.HttpStatus;
        return Page();
    }
}
