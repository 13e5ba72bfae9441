import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { campaignStatus } from '../helpers/simplify';
import { apiRequest } from '../transport';

const ROWS_PER_PAGE = 50;

/** A resource locator's list over a paginated SmartWats list: one page per call, searched on the server. */
function searchableList(
	endpoint: string[],
	paginatorKey: string,
	toItem: (row: IDataObject) => INodeListSearchItems,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1);
		const data = await apiRequest.call(this, 'GET', endpoint, {
			qs: { page, page_size: ROWS_PER_PAGE, ...(filter ? { search_term: filter } : {}) },
		});
		const paginator = (data[paginatorKey] ?? {}) as IDataObject;
		const rows = (Array.isArray(paginator.data) ? paginator.data : []) as IDataObject[];
		return {
			results: rows.map(toItem),
			paginationToken: page < Number(paginator.last_page ?? page) ? String(page + 1) : undefined,
		};
	};
}

/** Approved templates, searchable by name, category or language; value `name|language` since SmartWats needs both. */
export const searchTemplates = searchableList(
	['contact', 'template-list'],
	'templateList',
	(row) => ({
		name: `${row.template_name} (${row.language})${row.category ? ` · ${row.category}` : ''}`,
		value: `${row.template_name}|${row.language}`,
	}),
);

/** Campaigns of every status, most recently updated first, searchable by title, template or timezone; value the UID. */
export const searchCampaigns = searchableList(['campaign'], 'campaignList', (row) => {
	// SmartWats sends scheduled_at in UTC, e.g. 2025-10-20T05:00:00.000000Z.
	const scheduled = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(String(row.scheduled_at ?? ''));
	const status = campaignStatus(row.status);
	return {
		name: [
			String(row.title ?? row._uid),
			scheduled ? `${scheduled[1]} ${scheduled[2]} UTC` : undefined,
			status === 'active' ? undefined : status,
		]
			.filter(Boolean)
			.join(' · '),
		value: String(row._uid),
	};
});
