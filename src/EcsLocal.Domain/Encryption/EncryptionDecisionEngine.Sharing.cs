using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Encryption;

public static partial class EncryptionDecisionEngine
{
    /// <summary>
    /// Checks whether the owner may share an image or snapshot with other accounts, or make an image public.
    /// Non-encrypted resources may always be shared. Encrypted ones may be shared only when their key is a customer
    /// key whose material the user imported (BYOK, KMS <c>Origin=EXTERNAL</c>), and may never be made public.
    /// </summary>
    /// <returns>The rejection, or null when sharing is allowed.</returns>
    public static ServiceError? CheckShareable(bool encrypted, bool keyIsServiceKey, bool keyIsExternalOrigin, bool makePublic)
    {
        if (!encrypted)
        {
            return null;
        }

        // Checked first because no key change makes an encrypted image public.
        // NOTE: the service documents no code for making an encrypted image public, so this returns its code for
        // encrypted images that cannot be shared.
        if (makePublic)
        {
            return ErrorCatalog.EncryptedShareNotSupported;
        }

        if (keyIsServiceKey)
        {
            return ErrorCatalog.ServiceKeyEncryptedShare;
        }

        return keyIsExternalOrigin ? null : ErrorCatalog.EncryptedShareNotSupported;
    }
}
