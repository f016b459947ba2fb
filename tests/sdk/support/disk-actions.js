'use strict';

// Short wrappers over the disk and snapshot actions of the ECS SDK client, shared by the disk and
// snapshot tests.

const assert = require('node:assert/strict');
const { Ecs } = require('./clients');

// Server settings that make new disks Available and new snapshots accomplished at once.
const READY_AT_ONCE_ENV = { ECSLOCAL_DISK_READY_MS: '0', ECSLOCAL_SNAPSHOT_READY_MS: '0' };

/** Returns SDK tag models for { key: value } pairs, in the class the request expects. */
function tagsOf(TagClass, tags) {
  return Object.entries(tags).map(([key, value]) => new TagClass({ key, value }));
}

/**
 * Wraps an ECS SDK client. Each method takes an object with the SDK request field names
 * (regionId, zoneId, KMSKeyId, ...) and undefined fields are left out of the request.
 */
function diskActions(ecs) {
  return {
    /** Sends CreateDisk and returns the new DiskId. */
    async createDisk(fields) {
      const response = await ecs.createDisk(new Ecs.CreateDiskRequest(fields));
      return response.body.diskId;
    },

    /** Sends DescribeDisks and returns the response body. */
    async describeDisks(fields) {
      const response = await ecs.describeDisks(new Ecs.DescribeDisksRequest(fields));
      return response.body;
    },

    /** Returns the one disk with this id in the region, failing the test when there is not exactly one. */
    async describeDisk(regionId, diskId) {
      const body = await this.describeDisks({ regionId, diskIds: JSON.stringify([diskId]) });
      assert.equal(body.disks.disk.length, 1, `DescribeDisks returns exactly disk ${diskId} in ${regionId}`);
      return body.disks.disk[0];
    },

    /** Returns the TotalCount of DescribeDisks in the region. */
    async countDisks(regionId) {
      const body = await this.describeDisks({ regionId });
      return body.totalCount;
    },

    deleteDisk: (diskId) => ecs.deleteDisk(new Ecs.DeleteDiskRequest({ diskId })),

    resizeDisk: (diskId, newSize) => ecs.resizeDisk(new Ecs.ResizeDiskRequest({ diskId, newSize })),

    modifyDiskAttribute: (fields) => ecs.modifyDiskAttribute(new Ecs.ModifyDiskAttributeRequest(fields)),

    /** Sends CreateSnapshot and returns the new SnapshotId. */
    async createSnapshot(fields) {
      const response = await ecs.createSnapshot(new Ecs.CreateSnapshotRequest(fields));
      return response.body.snapshotId;
    },

    /** Sends DescribeSnapshots and returns the response body. */
    async describeSnapshots(fields) {
      const response = await ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest(fields));
      return response.body;
    },

    /** Returns the one snapshot with this id in the region, failing the test when there is not exactly one. */
    async describeSnapshot(regionId, snapshotId) {
      const body = await this.describeSnapshots({ regionId, snapshotIds: JSON.stringify([snapshotId]) });
      assert.equal(
        body.snapshots.snapshot.length, 1, `DescribeSnapshots returns exactly snapshot ${snapshotId} in ${regionId}`);
      return body.snapshots.snapshot[0];
    },

    /** Returns the TotalCount of DescribeSnapshots in the region. */
    async countSnapshots(regionId) {
      const body = await this.describeSnapshots({ regionId });
      return body.totalCount;
    },

    deleteSnapshot: (snapshotId, force = undefined) =>
      ecs.deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId, force })),

    modifySnapshotAttribute: (fields) =>
      ecs.modifySnapshotAttribute(new Ecs.ModifySnapshotAttributeRequest(fields)),

    /** Sends CopySnapshot and returns the SnapshotId of the copy. */
    async copySnapshot(fields) {
      const response = await ecs.copySnapshot(new Ecs.CopySnapshotRequest(fields));
      return response.body.snapshotId;
    },
  };
}

module.exports = { READY_AT_ONCE_ENV, diskActions, tagsOf };
