// @ts-check
'use strict';
/**
 * Opens a link the way a phone's browser does: GET, or POST of a page's form (`application/x-www-form-urlencoded`).
 * Shared by the engine tests and the real-n8n tier, which both open Send and Wait links.
 * @param {string} url
 * @param {Record<string, string>} [form] the form fields to post; without them the link is only opened
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, headers: Headers, html: string }>}
 */
async function openLink(url, form, headers = {}) {
	const response = await fetch(url, {
		method: form ? 'POST' : 'GET',
		redirect: 'manual',
		headers: {
			...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
			...headers,
		},
		body: form ? new URLSearchParams(form).toString() : undefined,
	});
	return { status: response.status, headers: response.headers, html: await response.text() };
}

module.exports = { openLink };
