'use strict';

// Short wrappers over the image actions of the ECS SDK client, shared by the image and instance
// tests.

const assert = require('node:assert/strict');
const { Ecs } = require('./clients');

/**
 * Wraps an ECS SDK client and a generic ECS client (createEcsRpcClient) of the same account. Each
 * method takes an object with the SDK request field names (regionId, imageId, KMSKeyId, ...) and
 * undefined fields are left out of the request.
 */
function imageActions(ecs, rpcClient) {
  return {
    /** Sends CreateImage and returns the new ImageId. mappings are plain objects for DiskDeviceMapping.N. */
    async createImage({ mappings, ...fields }) {
      const request = new Ecs.CreateImageRequest({
        ...fields,
        diskDeviceMapping: mappings?.map((mapping) => new Ecs.CreateImageRequestDiskDeviceMapping(mapping)),
      });
      const response = await ecs.createImage(request);
      return response.body.imageId;
    },

    /** Sends DescribeImages and returns the response body. */
    async describeImages(fields) {
      const response = await ecs.describeImages(new Ecs.DescribeImagesRequest(fields));
      return response.body;
    },

    /** Returns the ImageIds of DescribeImages with these filters, sorted. */
    async listImageIds(fields) {
      const body = await this.describeImages({ pageSize: 100, ...fields });
      return body.images.image.map((image) => image.imageId).sort();
    },

    /**
     * Returns the one image with this id in the region as raw JSON (ImageId, DiskDeviceMappings, ...),
     * failing the test when there is not exactly one. The raw body is used because the SDK model of
     * DiskDeviceMapping has no KMSKeyId field and drops it. filters add request parameters.
     */
    async describeImageRaw(regionId, imageId, filters = {}) {
      const body = await rpcClient.call('DescribeImages', { RegionId: regionId, ImageId: imageId, ...filters });
      assert.equal(body.Images.Image.length, 1, `DescribeImages returns exactly image ${imageId} in ${regionId}`);
      return body.Images.Image[0];
    },

    /** Returns { type, encrypted, KMSKeyId } of each disk mapping of an image, in order. */
    async mappingKeys(regionId, imageId, filters = {}) {
      const image = await this.describeImageRaw(regionId, imageId, filters);
      return image.DiskDeviceMappings.DiskDeviceMapping.map((mapping) => ({
        type: mapping.Type,
        encrypted: mapping.Encrypted,
        KMSKeyId: mapping.KMSKeyId,
      }));
    },

    /** Sends CopyImage and returns the ImageId of the copy. */
    async copyImage(fields) {
      const response = await ecs.copyImage(new Ecs.CopyImageRequest(fields));
      return response.body.imageId;
    },

    deleteImage: (regionId, imageId) => ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId, imageId })),

    modifySharePermission: (fields) =>
      ecs.modifyImageSharePermission(new Ecs.ModifyImageSharePermissionRequest(fields)),

    /** Sends DescribeImageSharePermission and returns the response body. */
    async describeSharePermission(regionId, imageId) {
      const response = await ecs.describeImageSharePermission(
        new Ecs.DescribeImageSharePermissionRequest({ regionId, imageId }));
      return response.body;
    },
  };
}

module.exports = { imageActions };
