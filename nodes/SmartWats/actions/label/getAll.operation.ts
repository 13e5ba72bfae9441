import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { apiRequestAllItems } from '../../transport';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('labels', {
	matches: 'title',
	example: 'Replied',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['label'], operation: ['getAll'] } },
	properties,
);

/** Rows sit under `data.contactList` (sic): SmartWats reuses the contacts' paginator key for labels. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, ['contact', 'labels-tags'], 'contactList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
}
