'use strict';
/**
 * Laravel's LengthAwarePaginator as JSON (API reference §8), including its `links` window and the URLs that keep
 * only `page` (page_size, search_term and a query token are dropped). Plus the LIKE search the lists use.
 */

const ON_EACH_SIDE = 3;

/** Laravel reads `page` with FILTER_VALIDATE_INT and falls back to 1. */
function pageNumber(value) {
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (!/^[+-]?\d+$/.test(text)) return 1;
	const page = Number(text);
	return page >= 1 ? page : 1;
}

/** WhatsJet passes page_size straight on; nothing sensible → 100, no maximum. */
function pageSize(value) {
	const size = Number.parseInt(value, 10);
	return Number.isFinite(size) && size > 0 ? size : 100;
}

function range(from, to) {
	const pages = [];
	for (let page = from; page <= to; page++) pages.push(page);
	return pages;
}

/** Laravel's UrlWindow + elements(): page numbers with '...' gaps. */
function elements(current, last) {
	if (last < ON_EACH_SIDE * 2 + 8) return [range(1, last)];
	const window = ON_EACH_SIDE + 4;
	if (current <= window) return [range(1, window + ON_EACH_SIDE), '...', range(last - 1, last)];
	if (current > last - window)
		return [range(1, 2), '...', range(last - (window + (ON_EACH_SIDE - 1)), last)];
	return [
		range(1, 2),
		'...',
		range(current - ON_EACH_SIDE, current + ON_EACH_SIDE),
		'...',
		range(last - 1, last),
	];
}

/**
 * @param {unknown[]} rows all matching rows, already ordered
 * @param {{page: unknown, pageSize: unknown, path: string, mapPage?: (rows: unknown[]) => unknown[]}} options
 *   path = request URL without query; mapPage turns the page's rows into what the API shows (only the page is
 *   shaped, so a large table costs no more than its page)
 */
function paginate(rows, { page: rawPage, pageSize: rawSize, path, mapPage = (page) => page }) {
	const page = pageNumber(rawPage);
	const perPage = pageSize(rawSize);
	const total = rows.length;
	const lastPage = Math.max(Math.ceil(total / perPage), 1);
	const data = mapPage(rows.slice((page - 1) * perPage, page * perPage));
	const url = (target) => `${path}?page=${target}`;
	const from = data.length ? (page - 1) * perPage + 1 : null;
	const links = [
		{ url: page > 1 ? url(page - 1) : null, label: '&laquo; Previous', active: false },
	];
	for (const element of elements(page, lastPage)) {
		if (element === '...') links.push({ url: null, label: '...', active: false });
		else
			for (const target of element)
				links.push({ url: url(target), label: String(target), active: target === page });
	}
	links.push({ url: lastPage > page ? url(page + 1) : null, label: 'Next &raquo;', active: false });
	return {
		current_page: page,
		data,
		first_page_url: url(1),
		from,
		last_page: lastPage,
		last_page_url: url(lastPage),
		links,
		next_page_url: lastPage > page ? url(page + 1) : null,
		path,
		per_page: perPage,
		prev_page_url: page > 1 ? url(page - 1) : null,
		to: from === null ? null : from + data.length - 1,
		total,
	};
}

/** SQL `LIKE %term%` under a case-insensitive collation: % and _ are wildcards. */
function likeMatcher(term) {
	if (term === null || term === undefined || term === '') return () => true;
	const source = String(term)
		.split('')
		.map((char) =>
			char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	const re = new RegExp(source, 'is');
	return (...values) =>
		values.some((value) => value !== null && value !== undefined && re.test(String(value)));
}

module.exports = { paginate, likeMatcher, pageNumber, pageSize };
