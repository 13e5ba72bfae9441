import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readListOptions } from '../../helpers/list';
import { simplifyContact, simplified } from '../../helpers/simplify';
import { apiRequestAllItems } from '../../transport';
import { listFields, simplifyFields } from '../common.descriptions';

const properties: INodeProperties[] = listFields('contacts', {
	matches: 'first name, last name, phone number or email',
	example: 'Johan',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	[...properties, ...simplifyFields],
);

/** One item per contact, with its groups and labels; SmartWats does not include custom field values here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const simplify = simplified(this, itemIndex);
	const rows = await apiRequestAllItems.call(this, ['contacts'], 'contactList', {
		...readListOptions(this, itemIndex),
		itemIndex,
	});
	return simplify ? rows.map(simplifyContact) : rows;
}
