import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';
import type { SmartWatsContext } from '../transport/settings';
import { invalidInput } from './validation';

export type GroupOrLabel = 'group' | 'label';

/** Every group or every label of the account, all pages: the dropdowns' options and the lookup's rows. */
export async function listGroupsOrLabels(
	context: SmartWatsContext,
	kind: GroupOrLabel,
	itemIndex?: number,
): Promise<IDataObject[]> {
	// Both lists sit under `data.contactList` (sic, contract).
	return await apiRequestAllItems.call(
		context,
		kind === 'group' ? ['contact', 'groups'] : ['contact', 'labels-tags'],
		'contactList',
		{ itemIndex },
	);
}

// One run reads the account's groups (and its labels) at most once, however many items name them.
const listsByRun = new WeakMap<object, Map<GroupOrLabel, Promise<IDataObject[]>>>();

function accountList(
	context: IExecuteFunctions,
	kind: GroupOrLabel,
	itemIndex: number,
): Promise<IDataObject[]> {
	let lists = listsByRun.get(context);
	if (!lists) listsByRun.set(context, (lists = new Map()));
	let rows = lists.get(kind);
	if (!rows) {
		rows = listGroupsOrLabels(context, kind, itemIndex);
		lists.set(kind, rows);
		rows.catch(() => lists.delete(kind));
	}
	return rows;
}

const titleOf = (row: IDataObject) => String(row.title ?? '').trim();

/**
 * The account's groups or labels that `values` name: each value is a UID or a title (exactly, or else ignoring
 * case as SmartWats does when there is only one such title). A value that names none, or several, is refused
 * before anything is changed: SmartWats would create an empty group of that title, or skip an unknown UID, and
 * report success either way.
 */
export async function findGroupsOrLabels(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: GroupOrLabel,
	values: string[],
	field: string,
): Promise<IDataObject[]> {
	if (values.length === 0) return [];
	const rows = await accountList(context, kind, itemIndex);
	const Kind = kind === 'group' ? 'Group' : 'Label';
	const found: IDataObject[] = [];
	const unknown: string[] = [];
	for (const value of values) {
		const byUid = rows.filter((row) => row._uid === value);
		const exact = rows.filter((row) => titleOf(row) === value);
		const loose = rows.filter((row) => titleOf(row).toLowerCase() === value.toLowerCase());
		const matches = [byUid, exact, loose].find((candidates) => candidates.length > 0) ?? [];
		if (matches.length === 0) {
			unknown.push(value);
		} else if (matches.length > 1) {
			throw invalidInput(
				context,
				itemIndex,
				`'${field}' names ${matches.length} ${kind}s titled "${value}"`,
				`Nothing was changed. Give the UID (_uid from ${Kind} → Get Many) of the ${kind} you mean.`,
			);
		} else if (!found.includes(matches[0])) {
			found.push(matches[0]);
		}
	}
	if (unknown.length > 0) {
		const names = unknown.map((value) => `"${value}"`).join(', ');
		throw invalidInput(
			context,
			itemIndex,
			unknown.length === 1
				? `'${field}' names a ${kind} SmartWats does not have: ${names}`
				: `'${field}' names ${kind}s SmartWats does not have: ${names}`,
			`Nothing was changed. Choose the ${kind}s from the list, or give titles (or UIDs) exactly as in SmartWats; create a missing ${kind} in SmartWats first.`,
		);
	}
	return found;
}

export async function findGroups(
	context: IExecuteFunctions,
	itemIndex: number,
	values: string[],
	field: string,
): Promise<IDataObject[]> {
	return await findGroupsOrLabels(context, itemIndex, 'group', values, field);
}

/**
 * Group titles for a field that SmartWats takes as one comma-separated text (`groups` of a new contact): a title
 * that holds a comma cannot be expressed there and is refused, naming it.
 */
export function commaSeparatedTitles(
	context: IExecuteFunctions,
	itemIndex: number,
	titles: string[],
	field: string,
	instead: string,
): string {
	const withComma = titles.find((title) => title.includes(','));
	if (withComma !== undefined) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' holds a group title with a comma: "${withComma}"`,
			`SmartWats receives these groups as one comma-separated text, so a title containing a comma cannot be given here. ${instead}`,
		);
	}
	return titles.join(',');
}

export { titleOf as groupTitle };
