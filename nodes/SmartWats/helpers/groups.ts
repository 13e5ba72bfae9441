import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';
import { invalidInput } from './validation';

// One run reads the account's groups at most once, however many items name groups.
const groupsByRun = new WeakMap<object, Promise<IDataObject[]>>();

function accountGroups(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	let groups = groupsByRun.get(context);
	if (!groups) {
		groups = apiRequestAllItems.call(context, ['contact', 'groups'], 'contactList', { itemIndex });
		groupsByRun.set(context, groups);
		groups.catch(() => groupsByRun.delete(context));
	}
	return groups;
}

const titleOf = (group: IDataObject) => String(group.title ?? '').trim();

/**
 * The account's groups that `values` name: each value is a group's UID or its title (exactly, or else ignoring
 * case as SmartWats does when there is only one such group). A value that names no group, or several, is refused
 * before anything is changed: SmartWats would create an empty group of that title and not add the contact to it.
 */
export async function findGroups(
	context: IExecuteFunctions,
	itemIndex: number,
	values: string[],
	field: string,
): Promise<IDataObject[]> {
	if (values.length === 0) return [];
	const groups = await accountGroups(context, itemIndex);
	const found: IDataObject[] = [];
	for (const value of values) {
		const byUid = groups.filter((group) => group._uid === value);
		const exact = groups.filter((group) => titleOf(group) === value);
		const loose = groups.filter((group) => titleOf(group).toLowerCase() === value.toLowerCase());
		const matches = [byUid, exact, loose].find((candidates) => candidates.length > 0) ?? [];
		if (matches.length !== 1) {
			throw invalidInput(
				context,
				itemIndex,
				matches.length === 0
					? `'${field}' names a group SmartWats does not have: "${value}"`
					: `'${field}' names ${matches.length} groups titled "${value}"`,
				matches.length === 0
					? 'Nothing was changed. Choose the groups from the list, or give titles (or UIDs) exactly as in SmartWats; create a missing group in SmartWats first.'
					: 'Nothing was changed. Give the UID (_uid from Group → Get Many) of the group you mean.',
			);
		}
		if (!found.includes(matches[0])) found.push(matches[0]);
	}
	return found;
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
