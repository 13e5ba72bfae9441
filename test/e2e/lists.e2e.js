'use strict';
// Group, Label and Template → Get Many in one workflow (three branches from one Manual Trigger).

module.exports = [
	{
		name: 'group, label, template: Get Many page through SmartWats and output one item per row',
		workflow: 'e2eReferenceLists',
		check({ expect, result, journal }) {
			expect.success(result);
			expect.call(journal, { method: 'GET', endpoint: 'contact/groups', query: { page: '1' } });
			expect.call(journal, {
				method: 'GET',
				endpoint: 'contact/labels-tags',
				query: { page: '1', page_size: '1' },
			});
			expect.call(journal, {
				method: 'GET',
				endpoint: 'contact/template-list',
				query: { page: '1', search_term: 'order' },
			});
			const groups = expect.output(result, 'Groups');
			expect.ok(
				groups.length > 0 &&
					groups.every((g) => typeof g._uid === 'string' && typeof g.title === 'string'),
				`groups: ${expect.show(groups)}`,
			);
			expect.output(result, 'Labels', 1);
			const templates = expect.output(result, 'Templates');
			expect.ok(
				templates.length > 0 &&
					templates.every((t) =>
						/order/i.test(`${t.template_name} ${t.template_id} ${t.category} ${t.language}`),
					),
				`templates: ${expect.show(templates)}`,
			);
		},
	},
];
