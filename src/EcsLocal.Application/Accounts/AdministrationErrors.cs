using EcsLocal.Domain.Errors;

namespace EcsLocal.Application.Accounts;

/// <summary>
/// Errors of the operator interface. They never reach API callers, so they use EcsLocal's own codes, with
/// exit status 2 in the CLI; the HTTP status is unused.
/// </summary>
public static class AdministrationErrors
{
    public static readonly ServiceError InvalidAccountId = new(400, "InvalidAccountId",
        "The account id {0} is not valid; an account id is 16 digits and does not start with 0.");
    public static readonly ServiceError AccountExists = new(409, "AccountExists", "The account {0} already exists.");
    public static readonly ServiceError AccountNotFound = new(404, "AccountNotFound",
        "The account {0} does not exist; run 'ecslocal account list' to see the accounts.");
    public static readonly ServiceError InvalidAccessKeyId = new(400, "InvalidAccessKeyId",
        "The AccessKey id {0} is not valid; use 1 to 128 letters, digits, '.', '_' or '-'.");
    public static readonly ServiceError InvalidSecret = new(400, "InvalidSecret",
        "The AccessKey secret must have 1 to 256 characters.");
    public static readonly ServiceError AccessKeyExists = new(409, "AccessKeyExists", "The AccessKey {0} already exists.");
    public static readonly ServiceError AccessKeyNotFound = new(404, "AccessKeyNotFound", "The AccessKey {0} does not exist.");
    public static readonly ServiceError InvalidRoleName = new(400, "InvalidRoleName",
        "The role name {0} is not valid; use 1 to 64 letters, digits, '.' or '-', such as AliyunECSDiskEncryptDefaultRole.");
    public static readonly ServiceError RegionNotFound = new(404, "RegionNotFound",
        "The region {0} does not exist; DescribeRegions lists the region ids.");
    public static readonly ServiceError ResourceNotFound = new(404, "ResourceNotFound", "No disk or snapshot has the id {0}.");
    public static readonly ServiceError NoDataKey = new(404, "NoDataKey",
        "{0} has no data key: it is not encrypted, or it was stored before EcsLocal sealed a data key for each encrypted disk.");
}
