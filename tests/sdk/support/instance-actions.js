'use strict';

// Short wrappers over the instance and disk attachment actions of the ECS SDK client.

const assert = require('node:assert/strict');
const { Ecs } = require('./clients');

/**
 * Wraps an ECS SDK client. Each method takes an object with the SDK request field names
 * (regionId, imageId, instanceType, ...) and undefined fields are left out of the request.
 * RunInstances takes systemDisk as a plain object and dataDisks as a list of plain objects.
 */
function instanceActions(ecs) {
  return {
    /** Sends RunInstances and returns the list of new InstanceIds. */
    async runInstances({ systemDisk, dataDisks, ...fields }) {
      const request = new Ecs.RunInstancesRequest({
        ...fields,
        systemDisk: systemDisk === undefined ? undefined : new Ecs.RunInstancesRequestSystemDisk(systemDisk),
        dataDisk: dataDisks?.map((disk) => new Ecs.RunInstancesRequestDataDisk(disk)),
      });
      const response = await ecs.runInstances(request);
      return response.body.instanceIdSets.instanceIdSet;
    },

    /** Sends CreateInstance and returns the new InstanceId. */
    async createInstance(fields) {
      const response = await ecs.createInstance(new Ecs.CreateInstanceRequest(fields));
      return response.body.instanceId;
    },

    /** Sends DescribeInstances and returns the response body. */
    async describeInstances(fields) {
      const response = await ecs.describeInstances(new Ecs.DescribeInstancesRequest(fields));
      return response.body;
    },

    /** Returns the one instance with this id in the region, failing the test when there is not exactly one. */
    async describeInstance(regionId, instanceId) {
      const body = await this.describeInstances({ regionId, instanceIds: JSON.stringify([instanceId]) });
      assert.equal(body.instances.instance.length, 1, `DescribeInstances returns exactly instance ${instanceId}`);
      return body.instances.instance[0];
    },

    /** Returns the TotalCount of DescribeInstances in the region. */
    async countInstances(regionId) {
      const body = await this.describeInstances({ regionId });
      return body.totalCount;
    },

    startInstance: (instanceId) => ecs.startInstance(new Ecs.StartInstanceRequest({ instanceId })),

    stopInstance: (instanceId) => ecs.stopInstance(new Ecs.StopInstanceRequest({ instanceId })),

    deleteInstance: (instanceId, force = undefined) =>
      ecs.deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId, force })),

    deleteInstances: (regionId, instanceIds, force = undefined) =>
      ecs.deleteInstances(new Ecs.DeleteInstancesRequest({ regionId, instanceId: instanceIds, force })),

    attachDisk: (diskId, instanceId) => ecs.attachDisk(new Ecs.AttachDiskRequest({ diskId, instanceId })),

    detachDisk: (diskId, instanceId) => ecs.detachDisk(new Ecs.DetachDiskRequest({ diskId, instanceId })),
  };
}

module.exports = { instanceActions };
