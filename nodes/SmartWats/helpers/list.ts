import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The Get Many operations' Return All / Limit / Search (`listFields` in common.descriptions.ts), as paging options. */
export function readListOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): { qs: IDataObject; limit?: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: (context.getNodeParameter('limit', itemIndex, 50) as number);
	const search = String(context.getNodeParameter('search', itemIndex, '') ?? '').trim();
	return { qs: search ? { search_term: search } : {}, limit };
}
