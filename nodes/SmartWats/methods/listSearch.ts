import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../transport';

const TEMPLATES_PER_PAGE = 50;

/** Approved templates, searchable by name, category or language; value `name|language` since SmartWats needs both. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const data = await apiRequest.call(this, 'GET', ['contact', 'template-list'], {
		qs: { page, page_size: TEMPLATES_PER_PAGE, ...(filter ? { search_term: filter } : {}) },
	});
	const paginator = (data.templateList ?? {}) as IDataObject;
	const rows = (Array.isArray(paginator.data) ? paginator.data : []) as IDataObject[];
	return {
		results: rows.map((row) => ({
			name: `${row.template_name} (${row.language})${row.category ? ` · ${row.category}` : ''}`,
			value: `${row.template_name}|${row.language}`,
		})),
		paginationToken: page < Number(paginator.last_page ?? page) ? String(page + 1) : undefined,
	};
}
