'use strict';
// Message resource in a real n8n: `n8n execute --id` of the workflow, then what n8n output and what SmartWats got.

module.exports = [
	{
		name: 'message: Send Text maps fields from the previous node and sends one message',
		workflow: 'e2eMsgSendText',
		check({ expect, result, journal }) {
			expect.success(result);
			const call = expect.call(journal, { method: 'POST', endpoint: 'contact/send-message' });
			expect.equal(
				call.body,
				{
					phone_number: '4915112345678',
					message_body: 'Hello Ada, your order has shipped.',
					contact: { first_name: 'Ada' },
				},
				'request body',
			);
			expect.journal(journal, [{ method: 'POST', endpoint: 'contact/send-message' }]);
			const [item] = expect.output(result, 'SmartWats', 1);
			expect.like(
				item,
				{ phone_number: '4915112345678', status: 'accepted', wamid: /^wamid\./ },
				'SmartWats node output',
			);
		},
	},
	{
		name: 'message: an impossible phone number fails the execution before anything is sent',
		workflow: 'e2eMsgBadPhone',
		check({ expect, result, journal }) {
			expect.failure(result, /Phone Number.*not an international phone number/);
			expect.equal(journal, [], 'requests to SmartWats');
		},
	},
];
