import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { apiRequestAllItems } from '../../transport';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('templates', {
	matches: 'name, Meta template ID, category or language',
	example: 'order_update',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getAll'] } },
	properties,
);

/** Only APPROVED templates are listed; rows carry no components, so variables cannot be discovered here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, ['contact', 'template-list'], 'templateList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
}
