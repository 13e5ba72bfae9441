import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getMany } from '../../helpers/list';
import { listFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('templates');

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getAll'] } },
	properties,
);

/** Only APPROVED templates are listed; rows carry no components, so variables cannot be discovered here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, ['contact', 'template-list'], 'templateList');
}
