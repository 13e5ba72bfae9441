import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { simplifyCampaign, simplified } from '../../helpers/simplify';
import { apiRequestAllItems } from '../../transport';
import { listFields, simplifyFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('campaigns', {
	matches: 'title, template name, template language or timezone',
	example: 'Diwali',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	[...properties, ...simplifyFields],
);

/** All statuses (1 active, 5 archived, 6 aborted), most recently updated first; `scheduled_at` is UTC. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const simplify = simplified(this, itemIndex);
	const rows = await apiRequestAllItems.call(this, ['campaign'], 'campaignList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
	return simplify ? rows.map(simplifyCampaign) : rows;
}
