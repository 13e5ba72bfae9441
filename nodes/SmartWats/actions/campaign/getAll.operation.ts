import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { apiRequestAllItems } from '../../transport';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('campaigns', {
	matches: 'title, template name, template language or timezone',
	example: 'Diwali',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);

/** All statuses (1 active, 5 archived, 6 aborted), most recently updated first; `scheduled_at` is UTC. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, ['campaign'], 'campaignList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
}
