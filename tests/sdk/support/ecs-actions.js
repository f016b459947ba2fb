'use strict';

// Short wrappers over the six default-encryption actions of the ECS SDK client.

const { Ecs } = require('./clients');

/** Wraps an ECS SDK client. Each method takes the RegionId, and undefined leaves it out. */
function defaultEncryption(ecs) {
  return {
    enable: (regionId) =>
      ecs.enableDiskEncryptionByDefault(new Ecs.EnableDiskEncryptionByDefaultRequest({ regionId })),

    disable: (regionId) =>
      ecs.disableDiskEncryptionByDefault(new Ecs.DisableDiskEncryptionByDefaultRequest({ regionId })),

    describeStatus: (regionId) =>
      ecs.describeDiskEncryptionByDefaultStatus(new Ecs.DescribeDiskEncryptionByDefaultStatusRequest({ regionId })),

    describeKey: (regionId) =>
      ecs.describeDiskDefaultKMSKeyId(new Ecs.DescribeDiskDefaultKMSKeyIdRequest({ regionId })),

    modifyKey: (regionId, keyId) =>
      ecs.modifyDiskDefaultKMSKeyId(new Ecs.ModifyDiskDefaultKMSKeyIdRequest({ regionId, KMSKeyId: keyId })),

    resetKey: (regionId) =>
      ecs.resetDiskDefaultKMSKeyId(new Ecs.ResetDiskDefaultKMSKeyIdRequest({ regionId })),

    /** Returns the Encrypted flag of DescribeDiskEncryptionByDefaultStatus. */
    async isEnabled(regionId) {
      const response = await this.describeStatus(regionId);
      return response.body.encrypted;
    },

    /** Returns the KMSKeyId of DescribeDiskDefaultKMSKeyId. */
    async defaultKeyId(regionId) {
      const response = await this.describeKey(regionId);
      return response.body.KMSKeyId;
    },
  };
}

module.exports = { defaultEncryption };
