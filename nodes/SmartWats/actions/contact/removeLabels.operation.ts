import { membershipOperation } from './membership';

export const { description, execute } = membershipOperation({
	operation: 'removeLabels',
	endpoint: 'unassign-labels',
	kind: 'label',
	adding: false,
});
