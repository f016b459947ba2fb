using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;

namespace EcsLocal.Storage.Tests;

public abstract partial class StoreContract
{
    [SkippableFact]
    public async Task Disk_round_trips_with_tags()
    {
        var disk = NewDisk("d-bp1") with
        {
            Encrypted = true,
            KmsKeyId = "k-1",
            KeyReason = KeyReason.RegionDefault,
            PerformanceLevel = "PL1",
            Tags = [new ResourceTag("env", "test"), new ResourceTag("owner", "µ-unicode")],
            DataKey = "AQNrLTEkdjEsealed-disk-key",
        };
        await Write(session => session.InsertDiskAsync(disk));

        var loaded = await Store.ReadAsync(session => session.GetDiskAsync("d-bp1"), CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(disk with { Tags = [] }, loaded with { Tags = [] });
        Assert.Equal(disk.Tags, loaded.Tags);
    }

    [SkippableFact]
    public async Task Disk_update_and_delete()
    {
        await Write(session => session.InsertDiskAsync(NewDisk("d-bp1") with { Tags = [new ResourceTag("a", "b")] }));

        await Write(session => session.UpdateDiskAsync(NewDisk("d-bp1") with { Name = "renamed", Size = 80, Status = DiskStatuses.Available }));
        var updated = await Store.ReadAsync(session => session.GetDiskAsync("d-bp1"), CancellationToken.None);
        await Write(session => session.DeleteDiskAsync("d-bp1"));
        var deleted = await Store.ReadAsync(session => session.GetDiskAsync("d-bp1"), CancellationToken.None);

        Assert.Equal("renamed", updated!.Name);
        Assert.Equal(80, updated.Size);
        Assert.Equal(DiskStatuses.Available, updated.Status);
        Assert.Null(deleted);
    }

    [SkippableFact]
    public async Task ListDisks_filters_pages_and_resumes_after_cursor()
    {
        await Write(async session =>
        {
            for (var i = 0; i < 5; i++)
            {
                await session.InsertDiskAsync(NewDisk($"d-bp{i}") with
                {
                    CreationTime = Now.AddSeconds(i),
                    ReadyAt = Now.AddSeconds(i + 1),
                    Encrypted = i % 2 == 0,
                    KmsKeyId = i % 2 == 0 ? "k-1" : null,
                    Category = i == 4 ? "cloud_ssd" : "cloud_essd",
                    Tags = i == 3 ? [new ResourceTag("env", "prod")] : [],
                });
            }

            await session.InsertDiskAsync(NewDisk("d-other-region") with { RegionId = "cn-beijing" });
            await session.InsertDiskAsync(NewDisk("d-other-account") with { AccountId = OtherAccountId });
        });

        var all = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 2));
        var afterCursor = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 2, After: all.Last));
        var encrypted = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 10, Encrypted: true));
        var byKey = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 10, KmsKeyId: "k-1", Category: "cloud_ssd"));
        var byIds = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 10, DiskIds: ["d-bp1", "d-other-account"]));
        var byTag = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 10, Tags: [new TagFilter("env", null)]));
        var available = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now.AddSeconds(2), 10, Status: DiskStatuses.Available));

        Assert.Equal(5, all.TotalCount);
        Assert.Equal(["d-bp0", "d-bp1"], all.Items.Select(disk => disk.Id));
        Assert.Equal(["d-bp2", "d-bp3"], afterCursor.Items.Select(disk => disk.Id));
        Assert.Equal(["d-bp0", "d-bp2", "d-bp4"], encrypted.Items.Select(disk => disk.Id));
        Assert.Equal(["d-bp4"], byKey.Items.Select(disk => disk.Id));
        Assert.Equal(["d-bp1"], byIds.Items.Select(disk => disk.Id));
        Assert.Equal(["d-bp3"], byTag.Items.Select(disk => disk.Id));
        Assert.Equal([new ResourceTag("env", "prod")], byTag.Items[0].Tags);
        Assert.Equal(["d-bp0", "d-bp1"], available.Items.Select(disk => disk.Id));
    }

    [SkippableFact]
    public async Task Unfiltered_total_follows_inserts_and_deletes()
    {
        await Write(async session =>
        {
            await session.InsertDiskAsync(NewDisk("d-bp1"));
            await session.InsertDiskAsync(NewDisk("d-bp2"));
            await session.InsertDiskAsync(NewDisk("d-bp3"));
            await session.InsertSnapshotAsync(NewSnapshot("s-bp1"));
        });
        await Write(session => session.DeleteDiskAsync("d-bp2"));
        await Write(session => session.DeleteDiskAsync("d-missing"));

        var disks = await ListDisks(new DiskQuery(AccountId, "cn-hangzhou", Now, 1));
        var otherRegion = await ListDisks(new DiskQuery(AccountId, "cn-beijing", Now, 1));
        var snapshots = await Store.ReadAsync(session => session.ListSnapshotsAsync(new SnapshotQuery(AccountId, "cn-hangzhou", Now, 1)), CancellationToken.None);

        Assert.Equal(2, disks.TotalCount);
        Assert.Single(disks.Items);
        Assert.Equal(0, otherRegion.TotalCount);
        Assert.Equal(1, snapshots.TotalCount);
    }

    [SkippableFact]
    public async Task Snapshots_round_trip_list_and_delete()
    {
        var snapshot = NewSnapshot("s-bp1") with
        {
            Encrypted = true,
            KmsKeyId = "k-1",
            KeyReason = KeyReason.Source,
            RetentionDays = 30,
            DataKey = "AQNrLTEkdjEsealed-snapshot-key",
        };
        await Write(async session =>
        {
            await session.InsertSnapshotAsync(snapshot);
            await session.InsertSnapshotAsync(NewSnapshot("s-bp2") with { SourceDiskId = "d-2", CreationTime = Now.AddSeconds(1) });
        });

        var loaded = await Store.ReadAsync(session => session.GetSnapshotAsync("s-bp1"), CancellationToken.None);
        var ofDisk = await Store.ReadAsync(session => session.ListSnapshotsAsync(new SnapshotQuery(AccountId, "cn-hangzhou", Now, 10, DiskId: "d-2")),
            CancellationToken.None);
        await Write(session => session.DeleteSnapshotAsync("s-bp1"));
        var deleted = await Store.ReadAsync(session => session.GetSnapshotAsync("s-bp1"), CancellationToken.None);

        Assert.Equal(snapshot, loaded! with { Tags = snapshot.Tags });
        Assert.Equal(["s-bp2"], ofDisk.Items.Select(item => item.Id));
        Assert.Null(deleted);
    }

    [SkippableFact]
    public async Task CompleteDueTransitions_updates_only_due_resources()
    {
        await Write(async session =>
        {
            await session.InsertDiskAsync(NewDisk("d-due") with { ReadyAt = Now });
            await session.InsertDiskAsync(NewDisk("d-later") with { ReadyAt = Now.AddSeconds(1) });
            await session.InsertSnapshotAsync(NewSnapshot("s-due") with { ReadyAt = Now });
        });

        var changed = (await Store.WriteAsync(async session => Result<int>.Success(await session.CompleteDueTransitionsAsync(Now)), CancellationToken.None)).Value;
        var again = (await Store.WriteAsync(async session => Result<int>.Success(await session.CompleteDueTransitionsAsync(Now)), CancellationToken.None)).Value;

        Assert.Equal(2, changed);
        Assert.Equal(0, again);
        Assert.Equal(DiskStatuses.Available, (await Store.ReadAsync(session => session.GetDiskAsync("d-due"), CancellationToken.None))!.Status);
        Assert.Equal(DiskStatuses.Creating, (await Store.ReadAsync(session => session.GetDiskAsync("d-later"), CancellationToken.None))!.Status);
        Assert.Equal(SnapshotStatuses.Accomplished, (await Store.ReadAsync(session => session.GetSnapshotAsync("s-due"), CancellationToken.None))!.Status);
    }

    [SkippableFact]
    public async Task Concurrent_transition_runs_change_each_row_once()
    {
        await Write(async session =>
        {
            for (var i = 0; i < 20; i++)
            {
                await session.InsertDiskAsync(NewDisk($"d-due-{i:D2}") with { ReadyAt = Now });
            }
        });

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Store.WriteAsync(async session => Result<int>.Success(await session.CompleteDueTransitionsAsync(Now)), CancellationToken.None)));

        Assert.Equal(20, runs.Sum(run => run.Value));
    }

    [SkippableFact]
    public async Task ClientTokens_are_per_account_and_action()
    {
        await Write(session => session.InsertClientTokenAsync(new ClientTokenRecord(AccountId, "CreateDisk", "t-1", "f-1", "d-1", Now)));

        var found = await Store.ReadAsync(session => session.GetClientTokenAsync(AccountId, "CreateDisk", "t-1"), CancellationToken.None);
        var otherAction = await Store.ReadAsync(session => session.GetClientTokenAsync(AccountId, "CreateSnapshot", "t-1"), CancellationToken.None);
        var otherAccount = await Store.ReadAsync(session => session.GetClientTokenAsync(OtherAccountId, "CreateDisk", "t-1"), CancellationToken.None);

        Assert.Equal(new ClientTokenRecord(AccountId, "CreateDisk", "t-1", "f-1", "d-1", Now), found);
        Assert.Null(otherAction);
        Assert.Null(otherAccount);
    }

    private static Disk NewDisk(string id) => new(
        id, AccountId, "cn-hangzhou", "cn-hangzhou-i", "cloud_essd", null, 40, "", "", DiskStatuses.Creating, Now, Now.AddSeconds(1), false, null,
        null, null, DiskTypes.Data, null, false, []);

    private static Snapshot NewSnapshot(string id) => new(
        id, AccountId, "cn-hangzhou", "", "", SnapshotStatuses.Progressing, Now, Now.AddSeconds(2), "d-1", 40, DiskTypes.Data, "cloud_essd", false,
        null, null, null, null, null, []);

    private Task<ResourcePage<Disk>> ListDisks(DiskQuery query) => Store.ReadAsync(session => session.ListDisksAsync(query), CancellationToken.None);

    private async Task Write(Func<IStoreSession, Task> work) =>
        await Store.WriteAsync(async session =>
        {
            await work(session);
            return Result<Unit>.Success(Unit.Value);
        }, CancellationToken.None);
}
