import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getMany } from '../../helpers/list';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('campaigns');

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);

/** All statuses (1 active, 5 archived, 6 aborted), most recently updated first; `scheduled_at` is UTC. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, ['campaign'], 'campaignList');
}
