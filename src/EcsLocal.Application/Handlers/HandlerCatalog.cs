using EcsLocal.Application.Accounts;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Encryption;
using EcsLocal.Application.Handlers.Ecs;
using EcsLocal.Application.Handlers.Kms;
using EcsLocal.Application.Handlers.Ram;
using EcsLocal.Application.Kms;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers;

/// <summary>Builds the registry of every action EcsLocal serves, grouped by product area.</summary>
public static class HandlerCatalog
{
    public static ApiRegistry Build(
        DefaultEncryptionService defaultEncryption, KmsService kms, DiskService disks, SnapshotService snapshots, ImageService images,
        InstanceService instances, KmsCryptoService crypto, KeyImportService imports,
        KeyRotationService rotation, AsymmetricKeyService asymmetric, RamService ram, TimeProvider time)
    {
        var registry = new ApiRegistry();
        RegionHandlers.Register(registry);
        new DefaultEncryptionHandlers(defaultEncryption).Register(registry);
        new DiskHandlers(disks, time).Register(registry);
        new SnapshotHandlers(snapshots, time).Register(registry);
        new ImageHandlers(images, time).Register(registry);
        new InstanceHandlers(instances, time).Register(registry);
        new ServiceHandlers(kms).Register(registry);
        new KeyHandlers(kms).Register(registry);
        new AliasHandlers(kms).Register(registry);
        new CryptoHandlers(crypto).Register(registry);
        new ImportHandlers(imports).Register(registry);
        new RotationHandlers(rotation).Register(registry);
        new AsymmetricHandlers(asymmetric).Register(registry);
        new RamHandlers(ram).Register(registry);
        return registry;
    }
}
