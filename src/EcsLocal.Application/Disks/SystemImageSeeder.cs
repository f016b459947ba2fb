using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Regions;

namespace EcsLocal.Application.Disks;

/// <summary>Stores the public system images of every region, so that DescribeImages lists them and RunInstances can use them.</summary>
public static class SystemImageSeeder
{
    /// <summary>Inserts the system images that are missing; runs in one transaction and is safe to repeat.</summary>
    public static Task EnsureAsync(IStore store, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            foreach (var region in RegionCatalog.All)
            {
                foreach (var image in SystemImageCatalog.For(region.Id))
                {
                    if (await session.GetImageAsync(region.Id, image.Id) is null)
                    {
                        await session.InsertImageAsync(image);
                    }
                }
            }

            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);
}
