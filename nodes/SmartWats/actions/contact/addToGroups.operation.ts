import { membershipOperation } from './membership';

export const { description, execute } = membershipOperation({
	operation: 'addToGroups',
	endpoint: 'assign-groups',
	kind: 'group',
	adding: true,
});
