import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';

/**
 * The Get Many operations: reads the shared Return All / Limit / Search fields (`listFields` in
 * common.descriptions.ts) and pages through `endpoint`, whose rows sit under `data.<paginatorKey>`.
 */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: string[],
	paginatorKey: string,
): Promise<IDataObject[]> {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: (context.getNodeParameter('limit', itemIndex, 50) as number);
	const search = String(context.getNodeParameter('search', itemIndex, '') ?? '').trim();
	return await apiRequestAllItems.call(context, endpoint, paginatorKey, {
		qs: search ? { search_term: search } : {},
		limit,
		itemIndex,
	});
}
