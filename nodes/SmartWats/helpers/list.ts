import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBoolean, readNumber, readText } from './validation';

/** The most rows a Limit may ask for: Return All's bound (MAX_PAGES pages of the default page size). */
export const MAX_LIMIT = 1_000_000;

/** The Get Many operations' Return All / Limit / Search (`listFields` in common.descriptions.ts), as paging options. */
export function readListOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): { qs: IDataObject; limit?: number } {
	const returnAll = readBoolean(
		context,
		itemIndex,
		context.getNodeParameter('returnAll', itemIndex, false),
		'Return All',
	);
	const limit = returnAll
		? undefined
		: readNumber(context, itemIndex, context.getNodeParameter('limit', itemIndex, 50), 'Limit', {
				min: 1,
				max: MAX_LIMIT,
				integer: true,
				hint: 'Give how many rows to return, or turn on Return All.',
			});
	const search = readText(
		context,
		itemIndex,
		context.getNodeParameter('search', itemIndex, ''),
		'Search',
	);
	return { qs: search ? { search_term: search } : {}, limit };
}
