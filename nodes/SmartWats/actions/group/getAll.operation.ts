import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { apiRequestAllItems } from '../../transport';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('groups', {
	matches: 'title or description',
	example: 'VIP',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	properties,
);

/** Rows sit under `data.contactList` (sic): SmartWats reuses the contacts' paginator key for groups. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, ['contact', 'groups'], 'contactList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
}
