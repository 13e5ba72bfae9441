import { membershipOperation } from './membership';

export const { description, execute } = membershipOperation({
	operation: 'removeFromGroups',
	endpoint: 'unassign-groups',
	kind: 'group',
	adding: false,
});
