'use strict';
// Contact resource beyond the examples: create a contact, then read it back.

module.exports = [
	{
		name: 'contact: Create sends the details, Get finds the new contact by number',
		workflow: 'e2eContactCreateGet',
		check({ expect, result, journal }) {
			expect.success(result);
			const create = expect.call(journal, { method: 'POST', endpoint: 'contact/create' });
			expect.like(
				create.body,
				{
					phone_number: '919811122223',
					first_name: 'Meera',
					last_name: 'Iyer',
					email: 'meera@example.com',
					language_code: 'en',
					whatsapp_opt_out: false,
				},
				'contact/create body',
			);
			expect.call(journal, {
				method: 'GET',
				endpoint: 'contact',
				query: { phone_number_or_email: '919811122223' },
			});
			const [contact] = expect.output(result, 'Get contact', 1);
			expect.like(
				contact,
				{ wa_id: '919811122223', first_name: 'Meera', email: 'meera@example.com' },
				'Get output',
			);
		},
	},
];
