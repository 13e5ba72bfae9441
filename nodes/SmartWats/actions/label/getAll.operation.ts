import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getMany } from '../../helpers/list';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('labels');

export const description = updateDisplayOptions(
	{ show: { resource: ['label'], operation: ['getAll'] } },
	properties,
);

/** Rows sit under `data.contactList` (sic): SmartWats reuses the contacts' paginator key for labels. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, ['contact', 'labels-tags'], 'contactList');
}
