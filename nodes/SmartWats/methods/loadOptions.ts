import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';

async function listRows(
	context: ILoadOptionsFunctions,
	endpoint: string[],
): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(context, endpoint, 'contactList');
}

function toOptions(
	rows: IDataObject[],
	value: (row: IDataObject) => string,
): INodePropertyOptions[] {
	return rows
		.map((row) => ({ name: String(row.title ?? ''), value: value(row) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const byUid = (row: IDataObject) => String(row._uid);
const byTitle = (row: IDataObject) => String(row.title);

/** Groups by UID: what assign and unassign need. */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listRows(this, ['contact', 'groups']), byUid);
}

/** Groups by title: what contact details and campaigns need. */
export async function getGroupTitles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listRows(this, ['contact', 'groups']), byTitle);
}

export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listRows(this, ['contact', 'labels-tags']), byUid);
}

export async function getLabelTitles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listRows(this, ['contact', 'labels-tags']), byTitle);
}
