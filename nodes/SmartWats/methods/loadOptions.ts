import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { type GroupOrLabel, listGroupsOrLabels } from '../helpers/groups';

async function options(
	context: ILoadOptionsFunctions,
	kind: GroupOrLabel,
	value: (row: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	return (await listGroupsOrLabels(context, kind))
		.map((row) => ({ name: String(row.title ?? ''), value: value(row) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const byUid = (row: IDataObject) => String(row._uid);
const byTitle = (row: IDataObject) => String(row.title);

/** Groups by UID: what assign and unassign need. */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'group', byUid);
}

/** Groups by title: what contact details and campaigns need. */
export async function getGroupTitles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'group', byTitle);
}

export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'label', byUid);
}

export async function getLabelTitles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'label', byTitle);
}
