// @ts-check
'use strict';
/**
 * Laravel's LengthAwarePaginator as JSON (API reference §8), including its `links` window and the URLs that keep
 * only `page` (page_size, search_term and a query token are dropped). Plus the LIKE search the lists use.
 */

const ON_EACH_SIDE = 3;

/**
 * Laravel reads `page` with FILTER_VALIDATE_INT and falls back to 1.
 * @param {unknown} value
 */
function pageNumber(value) {
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (!/^[+-]?\d+$/.test(text)) return 1;
	const page = Number(text);
	return page >= 1 ? page : 1;
}

/**
 * WhatsJet passes page_size straight on; nothing sensible → 100, no maximum.
 * @param {unknown} value
 */
function pageSize(value) {
	const size = Number.parseInt(String(value), 10);
	return Number.isFinite(size) && size > 0 ? size : 100;
}

/**
 * @param {number} from
 * @param {number} to
 */
function range(from, to) {
	/** @type {number[]} */
	const pages = [];
	for (let page = from; page <= to; page++) pages.push(page);
	return pages;
}

/**
 * Laravel's UrlWindow + elements(): page numbers with '...' gaps.
 * @param {number} current
 * @param {number} last
 * @returns {Array<number[] | '...'>}
 */
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
 * Misbehaving paginators a fault can ask for (`paging` in a Fault); see README "Faults".
 * @typedef {'repeat' | 'endless' | 'missing' | 'duplicates'} PagingFault
 */
/** @type {readonly PagingFault[]} */
const PAGING_FAULTS = ['repeat', 'endless', 'missing', 'duplicates'];

/** @typedef {{ url: string | null, label: string, active: boolean }} PageLink */

/**
 * Laravel's LengthAwarePaginator as JSON (§8).
 * @template Row
 * @typedef {object} Paginator
 * @property {number} current_page
 * @property {Row[]} data
 * @property {string} first_page_url
 * @property {number | null} from
 * @property {number} last_page
 * @property {string} last_page_url
 * @property {PageLink[]} links
 * @property {string | null} next_page_url
 * @property {string} path
 * @property {number} per_page
 * @property {string | null} prev_page_url
 * @property {number | null} to
 * @property {number} total
 */

/**
 * @template T, [Row=T]
 * @param {T[]} rows all matching rows, already ordered
 * @param {{page: unknown, pageSize: unknown, path: string, mapPage?: (rows: T[]) => Row[],
 *   paging?: PagingFault}} options path = request URL without query; mapPage turns the page's rows into what the
 *   API shows (only the page is shaped, so a large table costs no more than its page); paging = a paging fault
 * @returns {Paginator<Row>} (the `missing` fault is api.js's: it takes the paginator out of the answer)
 */
function paginate(
	rows,
	{
		page: rawPage,
		pageSize: rawSize,
		path,
		mapPage = (page) => /** @type {Row[]} */ (/** @type {unknown} */ (page)),
		paging,
	},
) {
	// `repeat`: whatever page is asked for, page 1 comes back (current_page never advances).
	const page = paging === 'repeat' ? 1 : pageNumber(rawPage);
	const perPage = pageSize(rawSize);
	const realLast = Math.max(Math.ceil(rows.length / perPage), 1);
	// `endless`: there is always one more page, and every page has rows (the real pages, round and round).
	const endless = paging === 'endless';
	const total = endless ? (page + 1) * perPage : rows.length;
	const lastPage = endless ? page + 1 : realLast;
	const sourcePage = endless ? ((page - 1) % realLast) + 1 : page;
	const slice = rows.slice((sourcePage - 1) * perPage, sourcePage * perPage);
	const count = slice.length;
	// `duplicates`: from page 2 on, a page starts with the previous page's last row again, as when rows are
	// inserted while a client pages (from, to and total stay what they were).
	if (paging === 'duplicates' && page > 1 && count > 0)
		slice.unshift(rows[(page - 1) * perPage - 1]);
	const data = mapPage(slice);
	/** @param {number} target */
	const url = (target) => `${path}?page=${target}`;
	const from = count ? (page - 1) * perPage + 1 : null;
	/** @type {PageLink[]} */
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
		to: from === null ? null : from + count - 1,
		total,
	};
}

/**
 * A list endpoint's paginator for this request: page, page_size and any paging fault come from `ctx`.
 * @template T, [Row=T]
 * @param {import('./endpoints').Context} ctx
 * @param {T[]} rows
 * @param {(rows: T[]) => Row[]} [mapPage]
 */
function paginateRequest(ctx, rows, mapPage) {
	return paginate(rows, {
		page: ctx.input.page,
		pageSize: ctx.input.page_size,
		path: ctx.path,
		paging: ctx.paging,
		mapPage,
	});
}

/**
 * SQL `LIKE %term%` under a case-insensitive collation: % and _ are wildcards.
 * @param {unknown} term
 * @returns {(...values: unknown[]) => boolean}
 */
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

module.exports = { paginate, paginateRequest, likeMatcher, pageNumber, pageSize, PAGING_FAULTS };
